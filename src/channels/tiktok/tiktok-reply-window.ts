import { blocked, type ReplyWindowPolicy, respond } from '@/src/channels/reply-window';

// TikTok: the window and the replies per customer per day come from configuration
// (TIKTOK_REPLY_WINDOW_HOURS, TIKTOK_MAX_REPLIES_PER_DAY; PLATFORMS.md 4); automation stays
// within 24 h whatever the window.
export const tiktokReplyWindow: ReplyWindowPolicy = {
  humanReplyHours: null,
  decide(facts, ageHours) {
    const windowHours = facts.settings.TIKTOK_REPLY_WINDOW_HOURS;
    const maxRepliesPerDay = facts.settings.TIKTOK_MAX_REPLIES_PER_DAY;
    const human = facts.sender === 'human';
    if (ageHours > (human ? windowHours : Math.min(24, windowHours))) {
      return blocked(
        'outside_window',
        human
          ? `More than ${windowHours} h since the customer's last message: TikTok allows no reply until they write again.`
          : "More than 24 h since the customer's last message: automated replies are not allowed.",
      );
    }
    if (facts.repliesLast24h >= maxRepliesPerDay) {
      return blocked(
        'tiktok_reply_limit',
        `TikTok allows ${maxRepliesPerDay} replies per customer per day; the limit is reached.`,
      );
    }
    return respond;
  },
};

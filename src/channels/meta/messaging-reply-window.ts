import {
  automatedOutsideWindow,
  blocked,
  type ReplyWindowPolicy,
  respond,
} from '@/src/channels/reply-window';

// Messenger and Instagram: a plain response within 24 h; a human may answer up to 7 days with
// the HUMAN_AGENT tag; nothing after (PLATFORMS.md 3.4).
const humanReplyHours = 24 * 7;

export const messagingReplyWindow: ReplyWindowPolicy = {
  humanReplyHours,
  decide(facts, ageHours) {
    if (ageHours <= 24) return respond;
    if (facts.sender !== 'human') return automatedOutsideWindow;
    if (ageHours <= humanReplyHours)
      return { ok: true, window: { messagingType: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' } };
    return blocked(
      'outside_window',
      "More than 7 days since the customer's last message: Meta allows no reply until they write again.",
    );
  },
};

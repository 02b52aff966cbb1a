import { type ReplyWindowPolicy, respond } from '@/src/channels/reply-window';

// Email has no reply window: staff and the AI may answer whenever (once the customer wrote).
export const emailReplyWindow: ReplyWindowPolicy = {
  humanReplyHours: null,
  decide: () => respond,
};

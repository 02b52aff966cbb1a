import type { ChoicesContent } from '@/src/channels/outbound-content';

// Choices as Messenger / Instagram quick replies (PLATFORMS-2.md 4.2): text quick replies with
// a title and a payload (our choice id), under the words. A tap arrives as a message whose text
// is the title, with quick_reply.payload (describe-messaging-message.ts reads it).
export function metaQuickRepliesMessage(content: ChoicesContent): Record<string, unknown> {
  return {
    text: content.body,
    quick_replies: content.choices.map((choice) => ({
      content_type: 'text',
      title: choice.title,
      payload: choice.id,
    })),
  };
}

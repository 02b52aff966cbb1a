import { type LabelKind, labelled } from '@/src/webhooks/message-labels';
import type { MessagingItem } from './messaging-webhook-schema';

// A Messenger/Instagram `message` as a stored kind: type, readable text and attachment refs
// (CDN URLs expire; downloading them is a later job's business).

type Message = NonNullable<MessagingItem['message']>;
type Attachment = NonNullable<Message['attachments']>[number];

export type DescribedMessagingMessage = {
  message_type: string;
  text: string;
  media: Record<string, unknown> | null;
  reply_to: string | null;
};

function attachmentKind(attachment: Attachment): { type: string; label: LabelKind } {
  switch (attachment.type) {
    case 'image':
      return attachment.payload?.sticker_id !== undefined
        ? { type: 'sticker', label: 'sticker' }
        : { type: 'image', label: 'image' };
    case 'audio':
    case 'video':
    case 'sticker':
    case 'share':
    case 'story_mention':
    case 'location':
      return { type: attachment.type, label: attachment.type };
    case 'file':
      return { type: 'document', label: 'file' };
    case 'reel':
    case 'ig_reel':
      return { type: 'reel', label: 'reel' };
    case 'fallback':
      return { type: 'link', label: 'link' };
    default:
      return { type: 'unsupported', label: 'unsupported' };
  }
}

function mediaOf(message: Message): Record<string, unknown> | null {
  const attachments = (message.attachments ?? []).map((attachment) => ({
    type: attachment.type,
    url: attachment.payload?.url ?? null,
    title: attachment.payload?.title ?? null,
    sticker_id: attachment.payload?.sticker_id ?? null,
  }));
  const story = message.reply_to?.story;
  if (attachments.length === 0 && !story) return null;
  return { ...(attachments.length > 0 ? { attachments } : {}), ...(story ? { story } : {}) };
}

export function describeMessagingMessage(message: Message): DescribedMessagingMessage {
  const base = { media: mediaOf(message), reply_to: message.reply_to?.mid ?? null };
  const attachments = message.attachments ?? [];
  if (message.is_unsupported) {
    return { ...base, message_type: 'unsupported', text: labelled('unsupported', message.text) };
  }
  if (message.reply_to?.story) {
    return { ...base, message_type: 'story_reply', text: labelled('story_reply', message.text) };
  }
  if (attachments.length > 0) {
    const kinds = attachments.map(attachmentKind);
    const titles = attachments.map((attachment) => attachment.payload?.title);
    const labels = [...new Set(kinds.map((kind) => labelled(kind.label)))];
    return {
      ...base,
      message_type: kinds[0]!.type,
      text: [...labels, ...titles, message.text].filter(Boolean).join(' '),
    };
  }
  if (message.quick_reply) {
    return { ...base, message_type: 'quick_reply', text: message.text || message.quick_reply.payload || '' };
  }
  return { ...base, message_type: 'text', text: message.text ?? '' };
}

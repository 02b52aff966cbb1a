import { type LabelKind, labelled } from '@/src/channels/message-labels';
import { isoFromSeconds } from '@/src/channels/platform-time';
import { withReferralLine } from './describe-referral';
import { templateDetails, templateKind, templateMedia } from './describe-template-attachment';
import type { MessagingItem } from './messaging-webhook-schema';

// A Messenger/Instagram `message` as a stored kind: type, readable text and attachment refs
// (CDN URLs expire; downloading them is a later job's business). Attachment types are those of
// Meta's messages webhook reference: image, audio, video, file, sticker, reel, ig_reel, post,
// ig_post, appointment_booking, template (products, buttons, cards: describe-template-attachment),
// fallback (a shared link), location (a pin's coordinates), plus Instagram's share and
// story_mention.

type Message = NonNullable<MessagingItem['message']>;
type Attachment = NonNullable<Message['attachments']>[number];

export type DescribedMessagingMessage = {
  message_type: string;
  text: string;
  media: Record<string, unknown> | null;
  reply_to: string | null;
  /** False when nothing in it could be read (only attachment types nobody knows, no text). */
  answerable: boolean;
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
    case 'post':
    case 'ig_post':
      return { type: 'share', label: 'share' };
    case 'file':
      return { type: 'document', label: 'file' };
    case 'reel':
    case 'ig_reel':
      return { type: 'reel', label: 'reel' };
    case 'template':
      return templateKind(attachment.payload);
    case 'appointment_booking':
      return { type: 'appointment', label: 'appointment' };
    case 'fallback':
      return { type: 'link', label: 'link' };
    default:
      return { type: 'unsupported', label: 'unsupported' };
  }
}

const bookingStatus: Record<string, string> = {
  requested: 'solicitada',
  confirmed: 'confirmada',
  declined: 'rechazada',
  cancelled: 'cancelada',
};

/** What an attachment says besides its label: a title, a shared link, products, a booking. */
function attachmentDetails(attachment: Attachment): Array<string | undefined> {
  const payload = attachment.payload;
  const title = payload?.title ?? attachment.title ?? undefined;
  switch (attachment.type) {
    case 'fallback':
      return [title, payload?.url ?? attachment.url ?? undefined];
    case 'template':
      return templateDetails(payload);
    case 'location': {
      const { lat, long } = payload?.coordinates ?? {};
      return [title, lat !== undefined && long !== undefined ? `(${lat}, ${long})` : undefined];
    }
    case 'appointment_booking': {
      const start =
        payload?.start_time === undefined ? undefined : (isoFromSeconds(payload.start_time) ?? undefined);
      const status = payload?.status ? (bookingStatus[payload.status] ?? payload.status) : undefined;
      return [status, start];
    }
    default:
      return [title];
  }
}

function mediaOf(message: Message): Record<string, unknown> | null {
  const attachments = (message.attachments ?? []).map((attachment) => ({
    type: attachment.type,
    url: attachment.payload?.url ?? attachment.url ?? null,
    title: attachment.payload?.title ?? attachment.title ?? null,
    sticker_id: attachment.payload?.sticker_id ?? null,
    ...(attachment.type === 'template' ? templateMedia(attachment.payload) : {}),
    ...(attachment.payload?.coordinates ? { coordinates: attachment.payload.coordinates } : {}),
    ...(attachment.type === 'appointment_booking' ? { booking: attachment.payload ?? null } : {}),
  }));
  const story = message.reply_to?.story;
  if (attachments.length === 0 && !story) return null;
  return { ...(attachments.length > 0 ? { attachments } : {}), ...(story ? { story } : {}) };
}

/**
 * "[Imagen] [Video] title", once per label, then the details of every attachment (a shared
 * link the customer's own words already contain is not repeated).
 */
function attachmentsText(attachments: Attachment[], words?: string): string {
  const labels = [...new Set(attachments.map((attachment) => labelled(attachmentKind(attachment).label)))];
  const details = attachments
    .flatMap(attachmentDetails)
    .map((detail) => detail?.trim())
    .filter((detail) => detail && !words?.includes(detail));
  return [...labels, ...details].filter(Boolean).join(' ');
}

// An ad or link the customer came from (Meta sends `referral` on the first message after the
// click): the message keeps its kind and words, a second line names it, the referral is kept.
function withReferral(message: Message, described: DescribedMessagingMessage): DescribedMessagingMessage {
  const referral = message.referral;
  if (!referral) return described;
  return {
    ...described,
    text: withReferralLine(described.text, referral),
    media: { ...(described.media ?? {}), referral },
  };
}

export function describeMessagingMessage(message: Message): DescribedMessagingMessage {
  return withReferral(message, describeContent(message));
}

function describeContent(message: Message): DescribedMessagingMessage {
  const base = { media: mediaOf(message), reply_to: message.reply_to?.mid ?? null, answerable: true };
  const attachments = message.attachments ?? [];
  if (message.is_unsupported) {
    return {
      ...base,
      message_type: 'unsupported',
      text: labelled('unsupported', message.text ?? undefined),
      answerable: false,
    };
  }
  if (message.reply_to?.story) {
    // A story reply may carry a photo or a sticker instead of (or besides) words.
    const extra =
      attachments.length > 0 ? attachmentsText(attachments, message.text ?? undefined) : undefined;
    return { ...base, message_type: 'story_reply', text: labelled('story_reply', extra, message.text) };
  }
  if (attachments.length > 0) {
    const kinds = attachments.map(attachmentKind);
    const known = kinds.find((kind) => kind.type !== 'unsupported');
    return {
      ...base,
      message_type: (known ?? kinds[0]!).type,
      text: [attachmentsText(attachments, message.text ?? undefined), message.text].filter(Boolean).join(' '),
      // Only attachment types nobody knows and no words: nothing the AI could answer.
      answerable: known !== undefined || Boolean(message.text?.trim()),
    };
  }
  if (message.quick_reply) {
    return { ...base, message_type: 'quick_reply', text: message.text || message.quick_reply.payload || '' };
  }
  return { ...base, message_type: 'text', text: message.text ?? '' };
}

import { ownSendMarker } from '@/src/channels/own-send-marker';
import type { SendInput } from '@/src/channels/send-types';
import { metaMediaAttachment } from './meta-media-attachment';
import { metaQuickRepliesMessage } from './meta-quick-replies';

// The Send API body shared by Messenger and Instagram. message.metadata comes back on the
// echo webhook ("inbox:<our message id>"), so the echo is matched to our row, not stored twice.
export function buildMetaSendBody(input: SendInput): Record<string, unknown> {
  const content = input.content;
  const words =
    content?.kind === 'media' && input.media
      ? { attachment: metaMediaAttachment(content, input.media) }
      : content?.kind === 'choices'
        ? metaQuickRepliesMessage(content)
        : { text: input.text };
  return {
    recipient: { id: input.recipientId },
    messaging_type: input.window.messagingType,
    ...(input.window.messagingType === 'MESSAGE_TAG' ? { tag: input.window.tag } : {}),
    message: { ...words, metadata: ownSendMarker(input.messageId) },
  };
}

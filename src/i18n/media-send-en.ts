import type { MediaSendMessages } from './media-send-es';

// Sending a photo or a document from the reply box, in English.

export const mediaSendEn: MediaSendMessages = {
  attach: 'Attach a photo or document',
  attachShort: 'Attach',
  chooseFile: 'Choose file',
  allowed: (channel, image, document) =>
    `On ${channel}: JPG or PNG photos up to ${image}; documents ${document}.`,
  documentKinds: {
    whatsapp: 'PDF, Word, Excel or text up to 25 MB',
    facebook: 'PDF, Word, Excel or text up to 25 MB',
    instagram: 'PDF only, up to 25 MB',
  },
  captionLabel: 'Text sent with the file (optional)',
  captionPlaceholder: 'For example: Here is your quote',
  noCaption: 'On this channel the file is sent without text: write anything else separately.',
  send: 'Send file',
  cancel: 'Remove file',
  uploading: (percent) => `Uploading the file… ${percent}%`,
  queued: 'File queued: it will be sent in a few seconds.',
  noFile: 'Choose a photo or a document first.',
  tiktok: 'TikTok does not allow sending photos or documents from here. Write a text message.',
  failed: 'The file could not be uploaded. Check your connection and try again.',
  reasons: {
    media_no_file: 'Choose a photo or a document first.',
    media_type_refused:
      'This kind of file cannot be sent. JPG or PNG photos and PDF, Word, Excel or text documents are accepted.',
    media_type_refused_instagram: 'Instagram only accepts JPG or PNG photos and PDF documents.',
    media_too_big: 'The file is too big for this channel.',
    media_empty: 'The file is empty.',
    media_not_supported_tiktok:
      'TikTok does not allow sending photos or documents from here. Write a text message.',
    media_caption_not_supported:
      'On this channel the file is sent without text: clear the text and send it separately.',
    media_caption_too_long: 'The text sent with the file can be up to 1024 characters.',
    media_file_invalid: 'The file could not be read. Try again.',
    whatsapp_template_required:
      "More than 24 hours since the customer's last message: WhatsApp allows no files until they write again (only approved message templates).",
    meta_window_closed:
      "More than 7 days since the customer's last message: no more replies until they write again.",
    no_customer_message: 'The customer has not written in this conversation yet.',
  },
  tooBig: (limit) => `The file is over ${limit}, this channel's maximum. Choose a smaller one.`,
  unreachable: 'That file is no longer available.',
};

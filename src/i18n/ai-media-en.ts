import type { aiMediaEs } from './ai-media-es';

// The AI page's section about photos, PDFs and voice notes, and the voice-note transcript in the
// inbox, in English.

export const aiMediaEn: typeof aiMediaEs = {
  title: 'Photos, documents and voice notes',
  intro:
    'The AI looks at the photos and PDFs your customers send and reads what their voice notes say. Here you decide how much it gets and what it does when it cannot hear a voice note.',
  budget: 'Largest total of photos and PDFs per reply (MB)',
  budgetHelp:
    'Each reply carries the newest photos and PDFs up to this size; older ones are described in words. More size = more expensive replies. 0 = the AI gets no files.',
  voiceTitle: 'When a voice note arrives without a transcript',
  voiceAskToWrite: 'Ask the customer to write their message',
  voiceHandOver: 'Hand the conversation to a person',
  voiceHelp: 'This happens when voice-note transcription is not set up or a note could not be transcribed.',
  saved: 'Saved “Photos, documents and voice notes”.',
  transcript: 'Voice note transcript',
  transcriptPending: 'Transcribing the voice note…',
  transcriptFailed: 'We could not transcribe this voice note.',
};

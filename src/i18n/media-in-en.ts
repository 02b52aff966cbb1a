import type { mediaInEs } from './media-in-es';

// The files customers send, as the conversation shows them, in English. Reasons a file is not
// available come from the server in Spanish.

export const mediaInEn: typeof mediaInEs = {
  loading: 'Loading file…',
  unavailable: (reason: string) => `File not available: ${reason}`,
  openFull: 'View full size',
  imageAlt: (kind: string) => `${kind} sent by the customer`,
  image: 'Image',
  sticker: 'Sticker',
  document: 'Document',
  download: 'Download',
  noAudio: 'Your browser cannot play this audio.',
  noVideo: 'Your browser cannot play this video.',
  size: (text: string) => `(${text})`,
};

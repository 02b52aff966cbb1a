import type Anthropic from '@anthropic-ai/sdk';
import type { MediaStorage } from '@/src/media/media-storage';
import type { HistoryMedia, HistoryMessage } from './ai-context';
import { readImageSize } from './image-dimensions';

// The files of the conversation as Claude takes them (PLATFORMS-2.md §6.1): jpeg/png/webp/gif
// as base64 image blocks and PDFs as document blocks, put before the message's text. Claude
// rejects a whole request for one image over 5 MB or 8000 px, or more than 100 images, and an
// image it refused once breaks every later turn that still carries it, so every file is checked
// here, each time, before it goes: what does not fit becomes a note in words. Cost: only the
// newest customer turns carry bytes, newest files first, within the tenant's byte budget per
// reply; older files are named, not sent. Nothing is resized (no image library that installs
// without downloading binaries is in use): an image past the limits is skipped with a note.

export const mediaLimits = {
  maxImageBytes: 5 * 1024 * 1024,
  maxImageEdge: 8000,
  /** Far below Claude's 100 (and its 20-image threshold that shrinks images to 2000 px). */
  maxFilesPerRequest: 8,
  /** Claude's PDF limits are per request; stay well under the older 32 MB. */
  maxPdfBytes: 20 * 1024 * 1024,
  /** How many of the newest customer turns carry file bytes; older turns get a placeholder. */
  turnsWithFiles: 2,
} as const;

export type MediaLimits = { [Key in keyof typeof mediaLimits]: number };

const imageTypes = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif']);

export const mediaNotes = {
  imageUnavailable: '[Imagen no disponible]',
  imagePending: '[Imagen no disponible todavía]',
  imageTooLarge: '[Imagen demasiado grande]',
  imageOverBudget: '[Imagen omitida: límite de archivos por respuesta]',
  imageEarlier: '[Imagen enviada antes]',
  documentUnavailable: '[Documento no disponible]',
  documentTooLarge: '[Documento demasiado grande]',
  documentOverBudget: '[Documento omitido: límite de archivos por respuesta]',
  documentEarlier: '[Documento enviado antes]',
  voiceWithoutTranscript: '[Nota de voz sin transcripción]',
} as const;

/** What one message adds to its turn: file blocks (before its text) and notes in words. */
export type MessageMedia = { blocks: Anthropic.ContentBlockParam[]; notes: string[] };
export type MediaParts = Map<string, MessageMedia>;

type Candidate = { message: HistoryMessage; file: HistoryMedia; recent: boolean };

function blockKind(file: HistoryMedia): 'image' | 'pdf' | undefined {
  const mime = file.mime_type?.split(';')[0]?.trim().toLowerCase() ?? '';
  if ((file.kind === 'image' || file.kind === 'sticker') && imageTypes.has(mime)) return 'image';
  if (file.kind === 'document' && mime === 'application/pdf') return 'pdf';
  return undefined;
}

/** Ids of the messages in the newest `count` runs of customer messages. */
function recentCustomerMessages(history: HistoryMessage[], count: number): Set<string> {
  const ids = new Set<string>();
  let runs = 0;
  for (let i = history.length - 1; i >= 0 && runs < count; i -= 1) {
    const message = history[i]!;
    if (message.direction !== 'inbound') continue;
    ids.add(message.id);
    if (history[i - 1]?.direction !== 'inbound') runs += 1;
  }
  return ids;
}

function partOf(parts: MediaParts, messageId: string): MessageMedia {
  let part = parts.get(messageId);
  if (!part) {
    part = { blocks: [], notes: [] };
    parts.set(messageId, part);
  }
  return part;
}

/** A voice note's words, or the note saying it has none; undefined for other files. */
export function voiceNoteText(file: HistoryMedia): string | undefined {
  if (file.kind !== 'audio') return undefined;
  const transcript = file.transcript_status === 'done' ? file.transcript?.trim() : undefined;
  return transcript ? `[Nota de voz] ${transcript}` : undefined;
}

export async function prepareMediaParts(
  history: HistoryMessage[],
  byteBudget: number,
  storage: MediaStorage,
  limits: MediaLimits = mediaLimits,
): Promise<MediaParts> {
  const parts: MediaParts = new Map();
  const recent = recentCustomerMessages(history, limits.turnsWithFiles);
  const candidates: Candidate[] = [];
  for (const message of history) {
    if (message.direction !== 'inbound' || message.deleted) continue;
    for (const file of message.media ?? [])
      candidates.push({ message, file, recent: recent.has(message.id) });
  }
  let bytesLeft = byteBudget;
  let filesLeft = limits.maxFilesPerRequest;
  // Newest first: when the budget runs out, it is the older files that become notes.
  for (const { message, file, recent: isRecent } of candidates.reverse()) {
    const kind = blockKind(file);
    if (!kind) continue;
    const part = partOf(parts, message.id);
    const notes = kind === 'image' ? imageNotes : documentNotes;
    if (file.status === 'pending') {
      part.notes.unshift(kind === 'image' ? mediaNotes.imagePending : mediaNotes.documentUnavailable);
      continue;
    }
    if (file.status !== 'stored' || !file.storage_path) {
      part.notes.unshift(notes.unavailable);
      continue;
    }
    if (!isRecent) {
      part.notes.unshift(notes.earlier);
      continue;
    }
    const maxBytes = kind === 'image' ? limits.maxImageBytes : limits.maxPdfBytes;
    if (file.byte_size !== null && file.byte_size > maxBytes) {
      part.notes.unshift(notes.tooLarge);
      continue;
    }
    if (filesLeft <= 0 || (file.byte_size ?? 0) > bytesLeft) {
      part.notes.unshift(notes.overBudget);
      continue;
    }
    const stored = await storage.get(file.storage_path);
    if (!stored) {
      part.notes.unshift(notes.unavailable);
      continue;
    }
    const size = stored.bytes.length;
    const dimensions = kind === 'image' ? readImageSize(stored.bytes) : undefined;
    if (kind === 'image' && !dimensions) {
      part.notes.unshift(notes.unavailable);
      continue;
    }
    if (
      size > maxBytes ||
      (dimensions && Math.max(dimensions.width, dimensions.height) > limits.maxImageEdge)
    ) {
      part.notes.unshift(notes.tooLarge);
      continue;
    }
    if (size > bytesLeft) {
      part.notes.unshift(notes.overBudget);
      continue;
    }
    bytesLeft -= size;
    filesLeft -= 1;
    const data = stored.bytes.toString('base64');
    part.blocks.unshift(
      kind === 'image'
        ? {
            type: 'image',
            source: {
              type: 'base64',
              media_type: file.mime_type!.split(';')[0]!.trim().toLowerCase() as 'image/png',
              data,
            },
          }
        : { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data } },
    );
  }
  return parts;
}

const imageNotes = {
  unavailable: mediaNotes.imageUnavailable,
  earlier: mediaNotes.imageEarlier,
  tooLarge: mediaNotes.imageTooLarge,
  overBudget: mediaNotes.imageOverBudget,
};
const documentNotes = {
  unavailable: mediaNotes.documentUnavailable,
  earlier: mediaNotes.documentEarlier,
  tooLarge: mediaNotes.documentTooLarge,
  overBudget: mediaNotes.documentOverBudget,
};

// What we accept per kind of file (PLATFORMS-2.md §5.1, WhatsApp Cloud API's media table, which
// is also the tightest of our channels): types and maximum sizes. Images also take webp and
// gif (Messenger and Instagram send them; Claude reads them).

export type MediaKind = 'image' | 'audio' | 'video' | 'document' | 'sticker';

const megabyte = 1024 * 1024;

export const maxBytesByKind: Record<MediaKind, number> = {
  image: 5 * megabyte,
  audio: 16 * megabyte,
  video: 16 * megabyte,
  document: 100 * megabyte,
  sticker: 500 * 1024,
};

const allowedTypes: Record<MediaKind, readonly string[]> = {
  image: ['image/jpeg', 'image/png', 'image/webp', 'image/gif'],
  audio: ['audio/aac', 'audio/amr', 'audio/mpeg', 'audio/mp4', 'audio/ogg', 'audio/x-m4a', 'audio/wav'],
  video: ['video/mp4', 'video/3gpp', 'video/quicktime'],
  document: [
    'text/plain',
    'application/pdf',
    'application/msword',
    'application/vnd.ms-excel',
    'application/vnd.ms-powerpoint',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  ],
  sticker: ['image/webp', 'image/png', 'image/gif'],
};

/** "audio/ogg; codecs=opus" → "audio/ogg"; null for nothing usable. */
export function baseMimeType(value: string | null | undefined): string | null {
  const base = value?.split(';')[0]?.trim().toLowerCase();
  return base && /^[a-z0-9.+-]+\/[a-z0-9.+-]+$/.test(base) ? base : null;
}

export function isAllowedType(kind: MediaKind, mimeType: string | null): boolean {
  return mimeType !== null && allowedTypes[kind].includes(mimeType);
}

/** Megabytes (kilobytes below one) for staff, rounded up: a file just over the limit never reads as the limit. */
export function megabytesText(bytes: number): string {
  if (bytes < megabyte) return `${Math.ceil(bytes / 1024)} KB`;
  return `${Math.ceil(bytes / megabyte)} MB`;
}

export function tooLargeReason(bytes: number, kind: MediaKind): string {
  return `Archivo demasiado grande (${megabytesText(bytes)}; máximo ${megabytesText(maxBytesByKind[kind])})`;
}

export function typeRefusedReason(mimeType: string | null): string {
  return `Tipo de archivo no permitido (${mimeType ?? 'desconocido'})`;
}

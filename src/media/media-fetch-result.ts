import type { Download } from './download-with-cap';
import { type MediaKind, tooLargeReason } from './media-limits';

// What one attempt at a platform's file came to. Reasons are Spanish: staff read them in the
// thread ("Archivo no disponible: <reason>").

export type MediaFetchResult =
  | { kind: 'downloaded'; bytes: Buffer; mimeType: string | null; expectedSha256?: string | null }
  | { kind: 'refused'; reason: string; byteSize?: number; mimeType?: string | null }
  | { kind: 'unavailable'; reason: string }
  /** Worth another attempt; `reason` is what staff read if no attempt is left. */
  | { kind: 'retry'; reason: string; detail: string; retryAfterMs?: number };

export const reasons = {
  expired: 'el enlace del archivo caducó antes de descargarlo',
  gone: 'la plataforma ya no lo tiene (se guardan pocos días)',
  unreachable: 'la plataforma no respondió al pedirlo',
  access: 'el canal necesita volver a conectarse',
  damaged: 'llegó dañado (su huella no coincide)',
} as const;

/** The common answers of a file download, as a fetch result. */
export function fromDownload(download: Download, kind: MediaKind): MediaFetchResult {
  switch (download.kind) {
    case 'ok':
      return { kind: 'downloaded', bytes: download.bytes, mimeType: download.mimeType };
    case 'too_large':
      return { kind: 'refused', reason: tooLargeReason(download.bytes, kind), byteSize: download.bytes };
    case 'network_error':
      return { kind: 'retry', reason: reasons.unreachable, detail: `download: ${download.message}` };
    case 'http_error':
      if (download.status === 429 || download.status >= 500) {
        return {
          kind: 'retry',
          reason: reasons.unreachable,
          detail: `download: HTTP ${download.status}`,
          retryAfterMs: download.retryAfterMs,
        };
      }
      if (download.status === 401) {
        return { kind: 'retry', reason: reasons.access, detail: 'download: HTTP 401' };
      }
      return { kind: 'unavailable', reason: reasons.expired };
  }
}

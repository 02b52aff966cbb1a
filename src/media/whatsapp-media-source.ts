import type { AppEnv } from '@/src/env';
import { PlatformNetworkError, postPlatformRequest } from '@/src/outbound/post-platform-request';
import { downloadWithCap } from './download-with-cap';
import { fromDownload, type MediaFetchResult, reasons } from './media-fetch-result';
import {
  baseMimeType,
  isAllowedType,
  type MediaKind,
  maxBytesByKind,
  tooLargeReason,
  typeRefusedReason,
} from './media-limits';

// WhatsApp Cloud API media, two steps (PLATFORMS-2.md §5.1): GET /{media-id} gives a URL that
// lives 5 minutes, its type, sha256 and size (a string); the URL is then downloaded with the
// same Bearer token. A 404 on the download means that URL expired: ask for a fresh one, once.
// Type and declared size are checked before any byte is downloaded.

type WhatsappMediaInput = {
  env: AppEnv;
  token: string;
  mediaId: string;
  phoneNumberId: string | null;
  kind: MediaKind;
  signal?: AbortSignal;
};

type MediaUrl = { url: string; mime_type?: string; sha256?: string; file_size?: string | number };

async function retrieveUrl(input: WhatsappMediaInput): Promise<MediaFetchResult | MediaUrl> {
  const { env } = input;
  const query = input.phoneNumberId ? `?phone_number_id=${encodeURIComponent(input.phoneNumberId)}` : '';
  let http: Awaited<ReturnType<typeof postPlatformRequest>>;
  try {
    http = await postPlatformRequest(
      {
        method: 'GET',
        url: `${env.GRAPH_API_BASE_URL}/${env.GRAPH_API_VERSION}/${encodeURIComponent(input.mediaId)}${query}`,
        headers: { authorization: `Bearer ${input.token}` },
      },
      { timeoutMs: env.SEND_REQUEST_TIMEOUT_MS, signal: input.signal },
    );
  } catch (error) {
    if (error instanceof PlatformNetworkError) {
      return { kind: 'retry', reason: reasons.unreachable, detail: `media url: ${error.message}` };
    }
    throw error;
  }
  const body = http.body as (MediaUrl & { error?: { code?: number } }) | null;
  if (http.status === 200 && typeof body?.url === 'string' && body.url.startsWith('https://')) return body;
  const code = body?.error?.code;
  if (http.status === 429 || http.status >= 500) {
    return {
      kind: 'retry',
      reason: reasons.unreachable,
      detail: `media url: HTTP ${http.status}`,
      retryAfterMs: http.retryAfterMs,
    };
  }
  if (code === 190 || http.status === 401) {
    return {
      kind: 'retry',
      reason: reasons.access,
      detail: `media url: token refused (${code ?? http.status})`,
    };
  }
  // 100/33 (no such object) and the like: webhook media ids last 7 days.
  return { kind: 'unavailable', reason: reasons.gone };
}

export async function fetchWhatsappMedia(input: WhatsappMediaInput): Promise<MediaFetchResult> {
  const cap = maxBytesByKind[input.kind];
  for (let round = 0; round < 2; round++) {
    const media = await retrieveUrl(input);
    if ('kind' in media) return media;
    const mimeType = baseMimeType(media.mime_type);
    if (!isAllowedType(input.kind, mimeType)) {
      return { kind: 'refused', reason: typeRefusedReason(mimeType), mimeType };
    }
    const declared = Number(media.file_size);
    if (Number.isFinite(declared) && declared > cap) {
      return { kind: 'refused', reason: tooLargeReason(declared, input.kind), byteSize: declared, mimeType };
    }
    const download = await downloadWithCap({
      url: media.url,
      headers: { authorization: `Bearer ${input.token}` },
      maxBytes: cap,
      timeoutMs: input.env.MEDIA_DOWNLOAD_TIMEOUT_MS,
      signal: input.signal,
    });
    if (download.kind === 'http_error' && download.status === 404 && round === 0) continue;
    const result = fromDownload(download, input.kind);
    if (result.kind === 'downloaded') {
      return { ...result, mimeType, expectedSha256: media.sha256 ?? null };
    }
    if (result.kind === 'unavailable') {
      return {
        kind: 'retry',
        reason: reasons.expired,
        detail: `download: HTTP ${download.kind === 'http_error' ? download.status : '?'}`,
      };
    }
    return result;
  }
  return { kind: 'retry', reason: reasons.expired, detail: 'download: 404 after a fresh URL' };
}

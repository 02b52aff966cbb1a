import type { AppEnv } from '@/src/env';
import { PlatformNetworkError, postPlatformRequest } from '@/src/outbound/post-platform-request';
import { downloadWithCap } from './download-with-cap';
import { fromDownload, type MediaFetchResult, reasons } from './media-fetch-result';
import { type MediaKind, maxBytesByKind } from './media-limits';

// TikTok Business Messaging images (PLATFORMS.md §4.1): POST /business/message/media/download/
// with the business, conversation, message and media ids (Access-Token header) answers
// data.download_url, which is then downloaded. HTTP 200 with code != 0 is an error.

type TiktokMediaInput = {
  env: AppEnv;
  token: string;
  businessId: string;
  conversationId: string;
  messageId: string;
  mediaId: string;
  kind: MediaKind;
  signal?: AbortSignal;
};

export async function fetchTiktokMedia(input: TiktokMediaInput): Promise<MediaFetchResult> {
  const { env } = input;
  let http: Awaited<ReturnType<typeof postPlatformRequest>>;
  try {
    http = await postPlatformRequest(
      {
        method: 'POST',
        url: `${env.TIKTOK_API_BASE_URL}/open_api/v1.3/business/message/media/download/`,
        headers: { 'access-token': input.token, 'content-type': 'application/json' },
        body: {
          business_id: input.businessId,
          conversation_id: input.conversationId,
          message_id: input.messageId,
          media_id: input.mediaId,
          media_type: 'IMAGE',
        },
      },
      { timeoutMs: env.SEND_REQUEST_TIMEOUT_MS, signal: input.signal },
    );
  } catch (error) {
    if (error instanceof PlatformNetworkError) {
      return { kind: 'retry', reason: reasons.unreachable, detail: `tiktok media url: ${error.message}` };
    }
    throw error;
  }
  const body = http.body as { code?: number; message?: string; data?: { download_url?: string } } | null;
  const url = body?.data?.download_url;
  if (http.status === 200 && body?.code === 0 && typeof url === 'string' && url.startsWith('https://')) {
    return fromDownload(
      await downloadWithCap({
        url,
        maxBytes: maxBytesByKind[input.kind],
        timeoutMs: env.MEDIA_DOWNLOAD_TIMEOUT_MS,
        signal: input.signal,
      }),
      input.kind,
    );
  }
  if (http.status === 429 || http.status >= 500) {
    return { kind: 'retry', reason: reasons.unreachable, detail: `tiktok media url: HTTP ${http.status}` };
  }
  return { kind: 'unavailable', reason: reasons.gone };
}

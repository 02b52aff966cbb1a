import type { AppEnv } from '@/src/env';
import { downloadWithCap } from './download-with-cap';
import { fromDownload, type MediaFetchResult, reasons } from './media-fetch-result';
import { type MediaKind, maxBytesByKind } from './media-limits';

// Messenger and Instagram attachments (PLATFORMS-2.md §5.2): `payload.url` is a Meta CDN URL
// that expires, fetched without a token as soon as the job runs. Only Meta's own CDN hosts are
// fetched (the URL comes from a signed webhook, but a server must not be made to fetch anywhere).

const metaHosts = ['fbcdn.net', 'fbsbx.com', 'cdninstagram.com', 'facebook.com', 'instagram.com'];

export function isMetaCdnUrl(url: URL): boolean {
  return (
    url.protocol === 'https:' &&
    metaHosts.some((host) => url.hostname === host || url.hostname.endsWith(`.${host}`))
  );
}

export async function fetchMetaAttachment(input: {
  env: AppEnv;
  url: string;
  kind: MediaKind;
  signal?: AbortSignal;
}): Promise<MediaFetchResult> {
  let url: URL;
  try {
    url = new URL(input.url);
  } catch {
    return { kind: 'unavailable', reason: reasons.gone };
  }
  if (!isMetaCdnUrl(url)) return { kind: 'unavailable', reason: reasons.gone };
  const download = await downloadWithCap({
    url: url.href,
    maxBytes: maxBytesByKind[input.kind],
    timeoutMs: input.env.MEDIA_DOWNLOAD_TIMEOUT_MS,
    signal: input.signal,
    allowRedirectTo: isMetaCdnUrl,
  });
  return fromDownload(download, input.kind);
}

/** A name for a Messenger file from its URL's last path segment ("presupuesto.pdf"). */
export function filenameFromUrl(value: string): string | null {
  try {
    const last = new URL(value).pathname.split('/').pop() ?? '';
    const name = decodeURIComponent(last);
    return /\.[a-z0-9]{1,8}$/i.test(name) && name.length <= 200 ? name : null;
  } catch {
    return null;
  }
}

// One file download with a byte cap: the declared length is checked before reading, and the
// body is read chunk by chunk and abandoned as soon as it passes the cap, so a file too large
// (or lying about its size) is never held whole in memory.

export type Download =
  | { kind: 'ok'; bytes: Buffer; mimeType: string | null }
  | { kind: 'too_large'; bytes: number }
  | { kind: 'http_error'; status: number; retryAfterMs?: number }
  | { kind: 'network_error'; message: string };

export type DownloadRequest = {
  url: string;
  headers?: Record<string, string>;
  maxBytes: number;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Hosts a redirect may lead to (the first URL is the caller's to check). */
  allowRedirectTo?: (url: URL) => boolean;
  /** Credentials for the first host only: a redirect elsewhere is fetched without the headers. */
  headersForFirstHostOnly?: boolean;
};

const maxRedirects = 3;

/** Drops a body we will not read (not awaited: some streams never settle a cancel). */
function discard(response: Response): void {
  void response.body?.cancel().catch(() => {});
}

async function readCapped(response: Response, maxBytes: number): Promise<Buffer | { over: number }> {
  const reader = response.body?.getReader();
  if (!reader) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      void reader.cancel().catch(() => {});
      return { over: total };
    }
    chunks.push(Buffer.from(value));
  }
  return Buffer.concat(chunks, total);
}

export async function downloadWithCap(request: DownloadRequest): Promise<Download> {
  const timeout = AbortSignal.timeout(request.timeoutMs);
  const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
  let url = new URL(request.url);
  try {
    for (let hop = 0; ; hop++) {
      const sameHost = url.host === new URL(request.url).host;
      const headers = request.headersForFirstHostOnly && !sameHost ? undefined : request.headers;
      const response = await fetch(url, { headers, signal, redirect: 'manual' });
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        discard(response);
        const next = new URL(location, url);
        if (hop >= maxRedirects || next.protocol !== 'https:' || !request.allowRedirectTo?.(next)) {
          return { kind: 'http_error', status: response.status };
        }
        url = next;
        continue;
      }
      if (!response.ok) {
        discard(response);
        const retryAfter = Number(response.headers.get('retry-after'));
        return {
          kind: 'http_error',
          status: response.status,
          ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterMs: retryAfter * 1000 } : {}),
        };
      }
      const declared = Number(response.headers.get('content-length'));
      if (Number.isFinite(declared) && declared > request.maxBytes) {
        discard(response);
        return { kind: 'too_large', bytes: declared };
      }
      const bytes = await readCapped(response, request.maxBytes);
      if (!Buffer.isBuffer(bytes)) return { kind: 'too_large', bytes: bytes.over };
      return { kind: 'ok', bytes, mimeType: response.headers.get('content-type') };
    }
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return {
      kind: 'network_error',
      message: `${(error as Error).name}: ${cause ?? (error as Error).message}`,
    };
  }
}

import type { PlatformHttpResult } from './post-platform-request';

// One multipart upload to a platform with a timeout. Unlike a send, an upload that may have
// reached the platform is safe to repeat (an unused copy at most), so any network failure is
// simply "no answer" (null) and the caller retries.

function retryAfterMs(header: string | null): number | undefined {
  const seconds = Number(header);
  return header && Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

export async function postPlatformUpload(
  request: { url: string; headers: Record<string, string>; form: FormData },
  options: { timeoutMs: number; signal?: AbortSignal },
): Promise<PlatformHttpResult | null> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  try {
    const response = await fetch(request.url, {
      method: 'POST',
      headers: request.headers,
      body: request.form,
      signal,
      redirect: 'error',
    });
    const text = await response.text();
    let body: unknown = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = null;
    }
    return { status: response.status, body, retryAfterMs: retryAfterMs(response.headers.get('retry-after')) };
  } catch {
    return null;
  }
}

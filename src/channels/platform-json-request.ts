import { PlatformUnavailableError } from './token-health-types';

// One JSON call to a platform for the token health check, with a timeout. Network failures,
// 5xx and 429 become PlatformUnavailableError (the job retries); every other answer is returned.
// URLs may carry a token (Graph's documented query parameters): never put one in a message.

export type PlatformJsonResponse = { status: number; body: unknown };

export async function requestPlatformJson(
  request: { method: 'GET' | 'POST'; url: string; headers?: Record<string, string>; body?: unknown },
  options: { timeoutMs: number; signal: AbortSignal; platform: string },
): Promise<PlatformJsonResponse> {
  const signal = AbortSignal.any([options.signal, AbortSignal.timeout(options.timeoutMs)]);
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: request.method,
      headers: {
        accept: 'application/json',
        ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...request.headers,
      },
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal,
      redirect: 'error',
    });
  } catch (error) {
    throw new PlatformUnavailableError(`${options.platform} did not answer (${(error as Error).name})`);
  }
  const text = await response.text().catch(() => '');
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (response.status >= 500 || response.status === 429) {
    const retryAfter = Number(response.headers.get('retry-after'));
    throw new PlatformUnavailableError(
      `${options.platform} answered HTTP ${response.status}`,
      Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined,
    );
  }
  return { status: response.status, body };
}

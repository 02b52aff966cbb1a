import type { PlatformRequest } from '@/src/channels/send-types';

// One HTTP call to a platform with a timeout. A failure tells whether the request can have
// reached the platform: only a connect-phase failure proves it did not.

export type PlatformHttpResult = { status: number; body: unknown; retryAfterMs?: number };

export class PlatformNetworkError extends Error {
  constructor(
    readonly reachedPlatform: 'no' | 'maybe',
    message: string,
  ) {
    super(message);
    this.name = 'PlatformNetworkError';
  }
}

const connectPhaseCodes = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

function causeCode(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause;
  return typeof cause?.code === 'string' ? cause.code : undefined;
}

function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function encodeBody(request: PlatformRequest): string | undefined {
  if (request.body === undefined) return undefined;
  if (request.encoding !== 'form') return JSON.stringify(request.body);
  return new URLSearchParams(
    Object.entries(request.body).map(([name, value]) => [name, String(value)]),
  ).toString();
}

export async function postPlatformRequest(
  request: PlatformRequest,
  options: { timeoutMs: number; signal?: AbortSignal },
): Promise<PlatformHttpResult> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  if (signal.aborted) throw new PlatformNetworkError('no', 'aborted before the request started');
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: encodeBody(request),
      signal,
      redirect: 'error',
    });
  } catch (error) {
    const code = causeCode(error);
    const reached = code && connectPhaseCodes.has(code) ? 'no' : 'maybe';
    throw new PlatformNetworkError(reached, `${(error as Error).name}: ${code ?? (error as Error).message}`);
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw new PlatformNetworkError('maybe', `reading the response failed: ${(error as Error).name}`);
  }
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  return { status: response.status, body, retryAfterMs: retryAfterMs(response.headers.get('retry-after')) };
}

import { z } from 'zod';
import type { AppEnv } from '@/src/env';
import { onboardingError } from '../../ownership/onboarding-error';
import { withoutSecrets } from '../../ownership/without-secrets';

// One TikTok Business API call (PLATFORMS-2.md §2.2): base /open_api/v1.3, `Access-Token`
// header, and HTTP 200 with `code != 0` is an error.

export type TikTokEnv = Pick<AppEnv, 'TIKTOK_API_BASE_URL' | 'SEND_REQUEST_TIMEOUT_MS'>;

const envelopeSchema = z.object({
  code: z.coerce.number(),
  message: z.string().optional(),
  data: z.unknown(),
});

export class TikTokCallError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(`TikTok error ${code}: ${message}`);
    this.name = 'TikTokCallError';
  }
}

export async function tiktokCall(
  env: TikTokEnv,
  request: {
    method: 'GET' | 'POST';
    path: string;
    token?: string;
    query?: Record<string, string>;
    body?: unknown;
  },
): Promise<unknown> {
  const url = new URL(`${env.TIKTOK_API_BASE_URL}/open_api/v1.3/${request.path}`);
  for (const [key, value] of Object.entries(request.query ?? {})) url.searchParams.set(key, value);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (request.token) headers['access-token'] = request.token;
  let response: Response;
  try {
    response = await fetch(url, {
      method: request.method,
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: AbortSignal.timeout(env.SEND_REQUEST_TIMEOUT_MS),
    });
  } catch {
    throw onboardingError('unavailable', 'platform_unreachable', 'TikTok could not be reached; try again');
  }
  const envelope = envelopeSchema.safeParse(await response.json().catch(() => undefined));
  if (!envelope.success || response.status >= 500) {
    throw onboardingError(
      'unavailable',
      'platform_unreachable',
      `TikTok answered HTTP ${response.status}; try again`,
    );
  }
  if (envelope.data.code !== 0) {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const sent = [request.token, body.client_secret, body.auth_code].map((value) =>
      typeof value === 'string' ? value : undefined,
    );
    throw new TikTokCallError(envelope.data.code, withoutSecrets(envelope.data.message ?? 'error', sent));
  }
  return envelope.data.data;
}

import { z } from 'zod';
import { requestPlatformJson } from '@/src/channels/platform-json-request';
import {
  type TokenFacts,
  type TokenHealthInput,
  TokenRejectedError,
} from '@/src/channels/token-health-types';
import { throwGraphHealthError } from './graph-health-error';

// Platform-app connections: GET /debug_token with our app token (PLATFORMS-2.md §2.1) gives the
// expiry, the data-access expiry and the scopes. Connections of the tenant's own app (or a
// deployment without META_APP_ID) cannot be debugged with our app token: GET /me with the token
// itself only tells whether Meta still accepts it.

const epoch = z.number().int().nonnegative();
const debugTokenSchema = z.object({
  data: z.object({
    is_valid: z.boolean(),
    expires_at: epoch.optional(),
    data_access_expires_at: epoch.optional(),
    scopes: z.array(z.string()).optional(),
    error: z
      .object({ code: z.number().optional(), subcode: z.number().optional(), message: z.string().optional() })
      .optional(),
  }),
});

// 0 means "never expires".
function fromEpoch(seconds: number | undefined): Date | null | undefined {
  if (seconds === undefined) return undefined;
  return seconds === 0 ? null : new Date(seconds * 1000);
}

function graphUrl(input: TokenHealthInput, path: string): string {
  return `${input.env.GRAPH_API_BASE_URL}/${input.env.GRAPH_API_VERSION}/${path}`;
}

async function debugToken(input: TokenHealthInput, appId: string, appSecret: string): Promise<TokenFacts> {
  const query = new URLSearchParams({
    input_token: input.accessToken,
    access_token: `${appId}|${appSecret}`,
  });
  const response = await requestPlatformJson(
    { method: 'GET', url: `${graphUrl(input, 'debug_token')}?${query}` },
    { timeoutMs: input.env.SEND_REQUEST_TIMEOUT_MS, signal: input.signal, platform: 'Meta' },
  );
  // An error here is about our app token (a wrong META_APP_SECRET), not the tenant's: it fails
  // the check without touching the connection.
  if (response.status >= 400) {
    try {
      throwGraphHealthError(response.status, response.body, 'debug_token');
    } catch (error) {
      if (error instanceof TokenRejectedError) throw new Error(`our app token was refused: ${error.reason}`);
      throw error;
    }
  }
  const parsed = debugTokenSchema.safeParse(response.body);
  if (!parsed.success) throw new Error('debug_token answered without data.is_valid');
  const data = parsed.data.data;
  if (!data.is_valid) {
    const code = data.error?.subcode
      ? `${data.error.code}/${data.error.subcode}`
      : `${data.error?.code ?? ''}`;
    const detail = data.error?.message ?? 'the token is no longer valid';
    return { valid: false, reason: `Meta debug_token ${code}: ${detail}`.slice(0, 400) };
  }
  const facts: TokenFacts = {
    valid: true,
    tokenExpiresAt: fromEpoch(data.expires_at),
    dataAccessExpiresAt: fromEpoch(data.data_access_expires_at),
    scopes: data.scopes,
  };
  for (const [deadline, what] of [
    [facts.tokenExpiresAt, 'the token expired'],
    [facts.dataAccessExpiresAt, 'data access expired'],
  ] as const) {
    if (deadline && deadline <= input.now) return { ...facts, valid: false, reason: `Meta: ${what}` };
  }
  return facts;
}

/** GET /me with the token itself: valid or not, nothing about its expiry. */
export async function checkTokenWithMe(input: TokenHealthInput, baseUrl: string): Promise<TokenFacts> {
  const response = await requestPlatformJson(
    {
      method: 'GET',
      url: `${baseUrl}/${input.env.GRAPH_API_VERSION}/me?fields=id`,
      headers: { authorization: `Bearer ${input.accessToken}` },
    },
    { timeoutMs: input.env.SEND_REQUEST_TIMEOUT_MS, signal: input.signal, platform: 'Meta' },
  );
  if (response.status >= 400) throwGraphHealthError(response.status, response.body, 'GET /me');
  return { valid: true };
}

export async function inspectMetaToken(input: TokenHealthInput): Promise<TokenFacts> {
  const { META_APP_ID: appId, META_APP_SECRET: appSecret } = input.env;
  try {
    if (input.connection.appKind === 'platform' && appId && appSecret) {
      return await debugToken(input, appId, appSecret);
    }
    return await checkTokenWithMe(input, input.env.GRAPH_API_BASE_URL);
  } catch (error) {
    if (error instanceof TokenRejectedError) return { valid: false, reason: error.reason };
    throw error;
  }
}

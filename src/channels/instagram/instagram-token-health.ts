import { z } from 'zod';
import { parseGraphError } from '@/src/channels/meta/graph-error';
import { throwGraphHealthError } from '@/src/channels/meta/graph-health-error';
import { checkTokenWithMe, inspectMetaToken } from '@/src/channels/meta/inspect-meta-token';
import { ensurePageSubscription } from '@/src/channels/meta/restore-meta-subscription';
import { requestPlatformJson } from '@/src/channels/platform-json-request';
import {
  type RefreshOutcome,
  type TokenFacts,
  type TokenHealthCheck,
  type TokenHealthInput,
  TokenRejectedError,
} from '@/src/channels/token-health-types';

// With a linked Page (Facebook Login) Instagram is checked like Messenger. With Instagram Login
// (no Page) the long-lived token lives 60 days and is refreshed here
// (GET graph.instagram.com/refresh_access_token, PLATFORMS-2.md §1.6) once it has 30 days left;
// the token must be at least 24 h old and unexpired. The check itself is GET /me on
// graph.instagram.com. Its webhook subscription is app-level (not per account): not checked.

const refreshBeforeMs = 30 * 86_400_000;
const refreshSchema = z.object({ access_token: z.string().min(1), expires_in: z.number().int().positive() });

async function refreshInstagramLogin(input: TokenHealthInput): Promise<RefreshOutcome> {
  const expiresAt = input.connection.tokenExpiresAt;
  if (expiresAt && expiresAt.getTime() - input.now.getTime() > refreshBeforeMs) return { kind: 'not_due' };
  if (expiresAt && expiresAt <= input.now) {
    return { kind: 'refused', reason: 'Instagram: the token expired and can no longer be refreshed' };
  }
  const query = new URLSearchParams({ grant_type: 'ig_refresh_token', access_token: input.accessToken });
  const response = await requestPlatformJson(
    { method: 'GET', url: `${input.env.INSTAGRAM_API_BASE_URL}/refresh_access_token?${query}` },
    { timeoutMs: input.env.SEND_REQUEST_TIMEOUT_MS, signal: input.signal, platform: 'Instagram' },
  );
  if (response.status >= 400) {
    // 190: expired or revoked, a new login is needed. Anything else (e.g. a token under 24 h
    // old) leaves the token as it is: the inspection below decides.
    if (parseGraphError(response.body)?.code !== 190) return { kind: 'not_due' };
    try {
      throwGraphHealthError(response.status, response.body, 'Instagram refresh');
    } catch (error) {
      if (error instanceof TokenRejectedError) return { kind: 'refused', reason: error.reason };
      throw error;
    }
  }
  const parsed = refreshSchema.safeParse(response.body);
  if (!parsed.success) throw new Error('Instagram refresh answered without access_token and expires_in');
  return {
    kind: 'refreshed',
    token: {
      accessToken: parsed.data.access_token,
      expiresAt: new Date(input.now.getTime() + parsed.data.expires_in * 1000),
    },
  };
}

async function inspectInstagramLogin(input: TokenHealthInput): Promise<TokenFacts> {
  try {
    return await checkTokenWithMe(input, input.env.INSTAGRAM_API_BASE_URL);
  } catch (error) {
    if (error instanceof TokenRejectedError) return { valid: false, reason: error.reason };
    throw error;
  }
}

const pageLinked = (input: TokenHealthInput) => Boolean(input.connection.account.page_id);

export const instagramTokenHealth: TokenHealthCheck = {
  refresh: (input) =>
    pageLinked(input) ? Promise.resolve({ kind: 'not_due' }) : refreshInstagramLogin(input),
  inspect: (input) => (pageLinked(input) ? inspectMetaToken(input) : inspectInstagramLogin(input)),
  ensureSubscribed: (input) =>
    pageLinked(input) ? ensurePageSubscription(input) : Promise.resolve('not_checked'),
};

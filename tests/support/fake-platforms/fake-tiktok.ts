import type { FakeResponse } from './fake-graph';
import type { FakeRecord, FakeWorld } from './fake-world';

// TikTok Business API v1.3 (PLATFORMS-2.md §2.2, PLATFORMS.md §4): always HTTP 200 with
// {code, message, request_id, data}; `code != 0` is the error. Tokens in `Access-Token`.

const envelope = (code: number, message: string, data: unknown = {}): FakeResponse => ({
  status: 200,
  body: { code, message, request_id: '20261207000000FAKE', data },
});

export function answerTikTok(
  world: FakeWorld,
  record: FakeRecord,
  method: string,
  url: URL,
  headers: Headers,
  body: unknown,
): FakeResponse {
  const path = url.pathname.replace(/^\/open_api\/v1\.3\//, '');
  const { tiktok } = world;
  if (path === 'tt_user/oauth2/token/' && method === 'POST') {
    const given = (body ?? {}) as Record<string, string>;
    if (given.client_id !== tiktok.clientKey || given.client_secret !== tiktok.clientSecret) {
      return envelope(40001, 'The app_id or secret is invalid.');
    }
    const grant = tiktok.codes[given.auth_code ?? ''];
    if (given.grant_type !== 'authorization_code' || !grant)
      return envelope(40100, 'auth_code is invalid or expired.');
    delete tiktok.codes[given.auth_code!];
    record.tiktokExchanges.push({ auth_code: given.auth_code!, redirect_uri: given.redirect_uri ?? '' });
    return envelope(0, 'OK', {
      access_token: grant.accessToken,
      expires_in: 86400,
      refresh_token: grant.refreshToken,
      refresh_token_expires_in: 31536000,
      open_id: grant.openId,
      scope: 'user.info.basic',
      token_type: 'Bearer',
    });
  }
  if (path === 'business/get/' && method === 'GET') {
    const business = tiktok.businesses[url.searchParams.get('business_id') ?? ''];
    const token = headers.get('access-token') ?? '';
    if (!business?.tokens.includes(token)) {
      return envelope(40002, 'No permission to operate this business account.');
    }
    return envelope(0, 'OK', {
      display_name: business.displayName,
      username: business.displayName.toLowerCase(),
    });
  }
  return envelope(40000, `Unknown path ${path}`);
}

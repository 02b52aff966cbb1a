import type { AppEnv } from '@/src/env';

// Where the browser goes to authorise the TikTok business account (PLATFORMS-2.md §2.2; the
// host and scopes are configuration: which authorize page Business Messaging uses is unverified).
export function tiktokAuthorizeUrl(
  env: Pick<AppEnv, 'TIKTOK_AUTH_URL' | 'TIKTOK_OAUTH_SCOPES'>,
  clientKey: string,
  redirectUri: string,
  state: string,
): string {
  const url = new URL(env.TIKTOK_AUTH_URL);
  url.searchParams.set('client_key', clientKey);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('scope', env.TIKTOK_OAUTH_SCOPES);
  url.searchParams.set('redirect_uri', redirectUri);
  url.searchParams.set('state', state);
  return url.toString();
}

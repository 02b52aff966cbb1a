import { type FakeUpstream, startFakeUpstream } from './fake-upstream';

// Graph (WhatsApp, Messenger, Instagram, profiles) and TikTok refusing every call with the
// access token quoted back, as Graph does for a malformed one ("Malformed access token EAAG…").
// Whatever the app keeps or shows of a platform's error must not carry the token along.

function tokenOf(headers: Record<string, string | string[] | undefined>, url: string): string {
  const bearer = String(headers.authorization ?? '').replace(/^Bearer /, '');
  return (
    bearer ||
    String(headers['access-token'] ?? '') ||
    new URL(url, 'http://x').searchParams.get('access_token') ||
    ''
  );
}

export function startTokenEchoPlatforms(): Promise<FakeUpstream> {
  return startFakeUpstream(({ url, headers }) => {
    const token = tokenOf(headers, url);
    if (url.startsWith('/open_api/')) {
      return { status: 200, body: { code: 40105, message: `Access token ${token} is invalid`, data: {} } };
    }
    return {
      status: 400,
      body: {
        error: {
          message: `Malformed access token ${token}`,
          type: 'OAuthException',
          code: 190,
          error_data: { details: `token ${token} could not be parsed` },
          fbtrace_id: 'AZfake',
        },
      },
    };
  });
}

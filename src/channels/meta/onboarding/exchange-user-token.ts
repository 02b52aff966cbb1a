import type { GraphEnv } from './graph-call';
import { requestAccessToken } from './oauth-access-token';

// Facebook Login gives the browser a short-lived user token; Page tokens read with a long-lived
// one do not expire (PLATFORMS-2.md §1.5, §2.1), so it is exchanged first.
export function exchangeUserToken(
  env: GraphEnv,
  app: { appId: string; appSecret: string },
  shortLivedToken: string,
): Promise<string> {
  return requestAccessToken(
    env,
    {
      grant_type: 'fb_exchange_token',
      client_id: app.appId,
      client_secret: app.appSecret,
      fb_exchange_token: shortLivedToken,
    },
    'login token',
  );
}

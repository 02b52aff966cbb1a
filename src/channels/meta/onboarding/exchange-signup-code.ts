import type { GraphEnv } from './graph-call';
import { requestAccessToken } from './oauth-access-token';

// Embedded Signup step 1 (PLATFORMS-2.md §1.3): the code from FB.login (valid 30 s, single use)
// becomes the customer's business integration system user token. No redirect_uri.
export function exchangeSignupCode(
  env: GraphEnv,
  app: { appId: string; appSecret: string },
  code: string,
): Promise<string> {
  return requestAccessToken(env, { client_id: app.appId, client_secret: app.appSecret, code }, 'signup code');
}

import { z } from 'zod';
import { onboardingError } from '../../ownership/onboarding-error';
import { type GraphEnv, graphCall } from './graph-call';

// Embedded Signup step 1 (PLATFORMS-2.md §1.3): the code from FB.login (valid 30 s, single use)
// becomes the customer's business integration system user token. No redirect_uri.

const tokenSchema = z.object({ access_token: z.string().min(1) });

export async function exchangeSignupCode(
  env: GraphEnv,
  app: { appId: string; appSecret: string },
  code: string,
): Promise<string> {
  const body = await graphCall(env, {
    path: 'oauth/access_token',
    query: { client_id: app.appId, client_secret: app.appSecret, code },
  }).catch((error: unknown) => {
    if (error instanceof Error && error.name === 'GraphCallError') {
      throw onboardingError('bad_request', 'code_invalid', `Meta refused the signup code (${error.message})`);
    }
    throw error;
  });
  return tokenSchema.parse(body).access_token;
}

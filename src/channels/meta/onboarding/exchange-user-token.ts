import { z } from 'zod';
import { onboardingError } from '../../ownership/onboarding-error';
import { type GraphEnv, graphCall } from './graph-call';

// Facebook Login gives the browser a short-lived user token; Page tokens read with a long-lived
// one do not expire (PLATFORMS-2.md §1.5, §2.1), so it is exchanged first.

const tokenSchema = z.object({ access_token: z.string().min(1) });

export async function exchangeUserToken(
  env: GraphEnv,
  app: { appId: string; appSecret: string },
  shortLivedToken: string,
): Promise<string> {
  const body = await graphCall(env, {
    path: 'oauth/access_token',
    query: {
      grant_type: 'fb_exchange_token',
      client_id: app.appId,
      client_secret: app.appSecret,
      fb_exchange_token: shortLivedToken,
    },
  }).catch((error: unknown) => {
    if (error instanceof Error && error.name === 'GraphCallError') {
      throw onboardingError('bad_request', 'code_invalid', `Meta refused the login token (${error.message})`);
    }
    throw error;
  });
  return tokenSchema.parse(body).access_token;
}

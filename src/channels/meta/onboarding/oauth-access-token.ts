import { z } from 'zod';
import { onboardingError } from '../../ownership/onboarding-error';
import { GraphCallError, type GraphEnv, graphCall } from './graph-call';

// GET /oauth/access_token: every grant we use answers {access_token, token_type, expires_in?};
// a refusal means the code or token given has expired or was used, so the person starts again.

const tokenSchema = z.object({ access_token: z.string().min(1) });

export async function requestAccessToken(
  env: GraphEnv,
  query: Record<string, string>,
  what: string,
): Promise<string> {
  const body = await graphCall(env, { path: 'oauth/access_token', query }).catch((error: unknown) => {
    if (error instanceof GraphCallError) {
      throw onboardingError('bad_request', 'code_invalid', `Meta refused the ${what} (${error.message})`);
    }
    throw error;
  });
  return tokenSchema.parse(body).access_token;
}

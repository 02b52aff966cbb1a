import { z } from 'zod';
import { onboardingError } from '../../ownership/onboarding-error';
import { type GraphEnv, graphCall } from './graph-call';
import { graphRefusal } from './graph-refusal';

// A Page token's /me is the Page itself: the page id is the tenant's when their token is its token.

const meSchema = z.object({ id: z.string(), name: z.string().optional() });

export async function provePageOwnership(
  env: GraphEnv,
  claim: { pageId: string; accessToken: string },
): Promise<{ name?: string }> {
  const body = await graphCall(env, {
    path: 'me',
    token: claim.accessToken,
    query: { fields: 'id,name' },
  }).catch((error: unknown) => {
    throw graphRefusal(error, `page ${claim.pageId}`);
  });
  const me = meSchema.parse(body);
  if (me.id !== claim.pageId) {
    throw onboardingError(
      'forbidden',
      'not_owner',
      `the access token is not a token of page ${claim.pageId}`,
    );
  }
  return { name: me.name };
}

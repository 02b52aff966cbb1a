import { z } from 'zod';
import type { AppEnv } from '@/src/env';
import { onboardingError } from '../../ownership/onboarding-error';
import { findInstagramAccount } from './find-instagram-account';
import { type GraphEnv, graphCall } from './graph-call';
import { graphRefusal } from './graph-refusal';
import { provePageOwnership } from './prove-page-ownership';

// Messenger Platform: the Page token's page must be linked to the claimed Instagram account.
// Instagram Login (no page): the token's own /me on graph.instagram.com must be that account.

const igMeSchema = z.object({ user_id: z.coerce.string(), username: z.string().optional() });

export async function proveInstagramOwnership(
  env: GraphEnv & Pick<AppEnv, 'INSTAGRAM_API_BASE_URL'>,
  claim: { instagramAccountId: string; pageId?: string; accessToken: string },
): Promise<{ name?: string }> {
  if (claim.pageId) {
    await provePageOwnership(env, { pageId: claim.pageId, accessToken: claim.accessToken });
    const account = await findInstagramAccount(env, claim.pageId, claim.accessToken);
    if (account?.id !== claim.instagramAccountId) {
      throw onboardingError(
        'forbidden',
        'not_owner',
        `Instagram account ${claim.instagramAccountId} is not the one linked to page ${claim.pageId}`,
      );
    }
    return { name: account.username };
  }
  const body = await graphCall(env, {
    baseUrl: env.INSTAGRAM_API_BASE_URL,
    path: 'me',
    token: claim.accessToken,
    query: { fields: 'user_id,username' },
  }).catch((error: unknown) => {
    throw graphRefusal(error, `Instagram account ${claim.instagramAccountId}`);
  });
  const me = igMeSchema.parse(body);
  if (me.user_id !== claim.instagramAccountId) {
    throw onboardingError(
      'forbidden',
      'not_owner',
      `the access token is not a token of Instagram account ${claim.instagramAccountId}`,
    );
  }
  return { name: me.username };
}

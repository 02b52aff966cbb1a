import { z } from 'zod';
import { onboardingError } from '../../ownership/onboarding-error';
import { TikTokCallError, type TikTokEnv, tiktokCall } from './tiktok-call';

// GET /business/get/?business_id=… answers only for a token the business authorised: the
// business id is the tenant's when their token can read its profile.

const profileSchema = z
  .object({ display_name: z.string().optional(), username: z.string().optional() })
  .loose();

export async function proveTikTokOwnership(
  env: TikTokEnv,
  claim: { businessId: string; accessToken: string },
): Promise<{ name?: string }> {
  try {
    const data = await tiktokCall(env, {
      method: 'GET',
      path: 'business/get/',
      token: claim.accessToken,
      query: { business_id: claim.businessId, fields: JSON.stringify(['display_name', 'username']) },
    });
    const profile = profileSchema.parse(data ?? {});
    return { name: profile.display_name ?? profile.username };
  } catch (error) {
    if (error instanceof TikTokCallError) {
      throw onboardingError(
        'forbidden',
        'not_owner',
        `the access token cannot read TikTok business ${claim.businessId} (${error.message})`,
      );
    }
    throw error;
  }
}

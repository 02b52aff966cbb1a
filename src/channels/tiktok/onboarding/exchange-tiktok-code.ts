import { z } from 'zod';
import { onboardingError } from '../../ownership/onboarding-error';
import { TikTokCallError, type TikTokEnv, tiktokCall } from './tiktok-call';

// POST /tt_user/oauth2/token/ (PLATFORMS-2.md §2.2): access token (24 h), refresh token (1 y)
// and open_id, the business_id later calls and webhooks use.

const tokenSchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.coerce.number().int().positive(),
  refresh_token: z.string().min(1),
  refresh_token_expires_in: z.coerce.number().int().positive(),
  open_id: z.string().min(1),
});
export type TikTokTokens = z.infer<typeof tokenSchema>;

export async function exchangeTikTokCode(
  env: TikTokEnv,
  app: { clientKey: string; clientSecret: string; redirectUri: string },
  authCode: string,
): Promise<TikTokTokens> {
  try {
    const data = await tiktokCall(env, {
      method: 'POST',
      path: 'tt_user/oauth2/token/',
      body: {
        client_id: app.clientKey,
        client_secret: app.clientSecret,
        grant_type: 'authorization_code',
        auth_code: authCode,
        redirect_uri: app.redirectUri,
      },
    });
    return tokenSchema.parse(data);
  } catch (error) {
    if (error instanceof TikTokCallError) {
      throw onboardingError(
        'bad_request',
        'code_invalid',
        `TikTok refused the authorization code (${error.message})`,
      );
    }
    throw error;
  }
}

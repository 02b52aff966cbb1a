import { handleTikTokStart } from '@/src/dashboard/channels/onboarding/tiktok-oauth-routes';

export const dynamic = 'force-dynamic';

export function GET(request: Request): Promise<Response> {
  return handleTikTokStart(request);
}

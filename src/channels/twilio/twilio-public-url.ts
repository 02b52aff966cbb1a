import type { AppEnv } from '@/src/env';

// Twilio signs the URL exactly as it requested it (PLATFORMS-2.md §11). Behind Vercel's proxy
// request.url names an internal host, so the public URL is rebuilt from APP_BASE_URL + the path
// + the original query string (still URL-encoded). Without APP_BASE_URL (local), as received.
export function twilioPublicUrl(requestUrl: string, env: Pick<AppEnv, 'APP_BASE_URL'>): string {
  if (!env.APP_BASE_URL) return requestUrl;
  const received = new URL(requestUrl);
  return `${env.APP_BASE_URL.replace(/\/+$/, '')}${received.pathname}${received.search}`;
}

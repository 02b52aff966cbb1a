import type { AppEnv } from '@/src/env';
import { type DoctorCheck, fail, ok } from './doctor-check';

// APP_BASE_URL builds the email links, the webhook URLs staff paste into Meta and TikTok, and is
// where Supabase Cron sends the sweep: in production it must be the public https origin.

const loopback = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/;

export function checkAppBaseUrl(env: AppEnv): DoctorCheck[] {
  if (!env.APP_BASE_URL) return [];
  let url: URL;
  try {
    url = new URL(env.APP_BASE_URL);
  } catch {
    return [fail('app_base_url', `APP_BASE_URL is not a URL (${env.APP_BASE_URL}): use https://<your-app>`)];
  }
  const problems: string[] = [];
  if (url.pathname !== '/' || url.search || url.hash) problems.push('it has a path: give the origin only');
  if (env.appMode === 'production') {
    if (url.protocol !== 'https:') problems.push('it is not https: Meta and TikTok call only https URLs');
    if (loopback.test(url.hostname))
      problems.push('it names this machine: platforms and emails cannot reach it');
  }
  if (problems.length)
    return [fail('app_base_url', `APP_BASE_URL ${env.APP_BASE_URL}: ${problems.join('; ')}`)];
  return [ok('app_base_url', `APP_BASE_URL is ${url.origin}`)];
}

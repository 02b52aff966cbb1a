import { headers } from 'next/headers';
import type { AppEnv } from '@/src/env';

// The address platforms should call: APP_BASE_URL when set (deployed), else this request's host.
export async function publicBaseUrl(env: AppEnv): Promise<string> {
  if (env.APP_BASE_URL) return env.APP_BASE_URL.replace(/\/+$/, '');
  const list = await headers();
  const host = list.get('x-forwarded-host') ?? list.get('host') ?? `localhost:${env.PORT}`;
  const proto = list.get('x-forwarded-proto') ?? (host.startsWith('localhost') ? 'http' : 'https');
  return `${proto}://${host}`;
}

import { vapidConfig } from '@/src/attention/vapid-config';
import type { AppEnv } from '@/src/env';

/** The public half of the VAPID pair, for the browser to subscribe with; only when push is on. */
export function vapidPublicKey(env: AppEnv): string | undefined {
  return vapidConfig(env)?.publicKey;
}

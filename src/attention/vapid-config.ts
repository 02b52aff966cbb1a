import type { AppEnv } from '@/src/env';
import type { VapidConfig } from './send-push';

/** Web Push is on when all three VAPID variables are set. */
export function vapidConfig(env: AppEnv): VapidConfig | undefined {
  if (!env.VAPID_PUBLIC_KEY || !env.VAPID_PRIVATE_KEY || !env.VAPID_SUBJECT) return undefined;
  return { publicKey: env.VAPID_PUBLIC_KEY, privateKey: env.VAPID_PRIVATE_KEY, subject: env.VAPID_SUBJECT };
}

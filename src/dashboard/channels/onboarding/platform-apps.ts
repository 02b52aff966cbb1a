import { onboardingError } from '@/src/channels/ownership/onboarding-error';
import type { AppEnv } from '@/src/env';

// The platform's own apps, when the deployment has them: they turn on the self-serve flows.

export type MetaApp = { appId: string; appSecret: string; configId: string };
export type TikTokApp = { clientKey: string; clientSecret: string };

export function metaApp(env: AppEnv): MetaApp | undefined {
  const { META_APP_ID: appId, META_APP_SECRET: appSecret, META_ES_CONFIG_ID: configId } = env;
  return appId && appSecret && configId ? { appId, appSecret, configId } : undefined;
}

export function tiktokApp(env: AppEnv): TikTokApp | undefined {
  const { TIKTOK_CLIENT_KEY: clientKey, TIKTOK_CLIENT_SECRET: clientSecret } = env;
  return clientKey && clientSecret ? { clientKey, clientSecret } : undefined;
}

export function requireMetaApp(env: AppEnv): MetaApp {
  const app = metaApp(env);
  if (!app)
    throw onboardingError(
      'not_available',
      'platform_app_missing',
      'META_APP_ID, META_APP_SECRET and META_ES_CONFIG_ID are not set',
    );
  return app;
}

export function requireTikTokApp(env: AppEnv): TikTokApp {
  const app = tiktokApp(env);
  if (!app)
    throw onboardingError(
      'not_available',
      'platform_app_missing',
      'TIKTOK_CLIENT_KEY and TIKTOK_CLIENT_SECRET are not set',
    );
  return app;
}

/** Webhooks of this channel can be verified with the deployment's own app secret. */
export function hasPlatformApp(env: AppEnv, channel: string): boolean {
  return Boolean(channel === 'tiktok' ? env.TIKTOK_CLIENT_SECRET : env.META_APP_SECRET);
}

import type { AppEnv } from '@/src/env';

// Webhooks to http://localhost (a workflow on the developer's machine): allowed in local mode,
// and elsewhere only when AUTOMATION_WEBHOOKS_ALLOW_LOCALHOST says so.
export function allowsLocalWebhooks(
  env: Pick<AppEnv, 'appMode' | 'AUTOMATION_WEBHOOKS_ALLOW_LOCALHOST'>,
): boolean {
  return env.AUTOMATION_WEBHOOKS_ALLOW_LOCALHOST ?? env.appMode === 'local';
}

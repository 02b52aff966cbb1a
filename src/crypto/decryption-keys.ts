import type { AppEnv } from '@/src/env';

// The keys a stored secret may be sealed with: the current one, and during a rotation the one
// before it (values name their key, so the right one is picked).
export function decryptionKeys(env: Pick<AppEnv, 'ENCRYPTION_KEY' | 'ENCRYPTION_KEY_PREVIOUS'>): string[] {
  return [env.ENCRYPTION_KEY, env.ENCRYPTION_KEY_PREVIOUS].filter((key): key is string => !!key);
}

import { syncModelAllowlist } from '@/src/ai/model-allowlist';
import { getDb } from '@/src/db/get-db';
import { type AppEnv, assertProductionReady } from '@/src/env';
import { log } from '@/src/shared/logger';

// What a Node.js server does once at start (instrumentation.ts). A separate module so the Edge
// bundle never sees the database client or the logger's Node-only parts.
export function startNodeServer(env: AppEnv): void {
  assertProductionReady(env);
  // ANTHROPIC_MODELS into ai_model_allowlist, so SQL refuses what the form refuses. Best effort
  // and not awaited: a database that is slow to answer must not hold up the server's start.
  void Promise.resolve()
    .then(() => syncModelAllowlist(getDb(), env))
    .catch((error) => log.warn('ai.model_allowlist_sync_failed', { error: (error as Error).message }));
}

import type { Instrumentation } from 'next';
import { assertProductionReady, getEnv, nextRuntime } from '@/src/env';

// Runs once when a Next.js server starts (also on Vercel), in each runtime: error tracking when
// SENTRY_DSN is set, then production refuses to run without the secrets that protect tenants.
export async function register(): Promise<void> {
  const runtime = nextRuntime();
  if (runtime !== 'nodejs' && runtime !== 'edge') return;
  const env = getEnv();
  if (env.SENTRY_DSN) {
    // Imported only when used: without a DSN the SDK is not even loaded.
    const { initErrorTracking } = await import('@/src/observability/init-error-tracking');
    initErrorTracking(env);
  }
  if (runtime === 'nodejs') {
    assertProductionReady(env);
    // ANTHROPIC_MODELS into ai_model_allowlist, so SQL refuses what the form refuses. Best effort
    // and not awaited: a database that is slow to answer must not hold up the server's start.
    const [{ getDb }, { syncModelAllowlist }, { log }] = await Promise.all([
      import('@/src/db/get-db'),
      import('@/src/ai/model-allowlist'),
      import('@/src/shared/logger'),
    ]);
    void Promise.resolve()
      .then(() => syncModelAllowlist(getDb(), env))
      .catch((error) => log.warn('ai.model_allowlist_sync_failed', { error: (error as Error).message }));
  }
}

// Errors Next.js catches itself (a page, route or server action that throws) reach Sentry here;
// the ones our code catches and logs reach it through the logger (src/observability).
export const onRequestError: Instrumentation.onRequestError = async (...args) => {
  if (!getEnv().SENTRY_DSN) return;
  const { captureRequestError } = await import('@sentry/nextjs');
  captureRequestError(...args);
};

import type { Instrumentation } from 'next';
import { getEnv, nextRuntime } from '@/src/env';

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
  // Written out literally so the bundler drops the Node-only module from the Edge build.
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { startNodeServer } = await import('@/src/system/start-node-server');
    startNodeServer(env);
  }
}

// Errors Next.js catches itself (a page, route or server action that throws) reach Sentry here;
// the ones our code catches and logs reach it through the logger (src/observability).
export const onRequestError: Instrumentation.onRequestError = async (...args) => {
  if (!getEnv().SENTRY_DSN) return;
  const { captureRequestError } = await import('@sentry/nextjs');
  captureRequestError(...args);
};

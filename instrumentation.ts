import { assertProductionReady, getEnv, nextRuntime } from '@/src/env';

// Runs once when a Next.js server starts (also on Vercel): production refuses to run
// without the secrets that protect tenants.
export async function register(): Promise<void> {
  if (nextRuntime() !== 'nodejs') return;
  assertProductionReady(getEnv());
}

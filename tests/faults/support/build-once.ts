import { ensureBuilt } from './built-app';

// vitest globalSetup: one `next build` for the whole fault run (skipped with FAULTS_REUSE_BUILD=1).
export default function setup(): void {
  ensureBuilt();
}

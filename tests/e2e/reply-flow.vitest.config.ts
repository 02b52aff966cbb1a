import path from 'node:path';
import { defineConfig } from 'vitest/config';

// `npm run test:e2e`: the built app (next build && next start) against fake Anthropic and Graph
// servers on loopback, with the same per-run PostgreSQL as the other tests.
const root = path.resolve(import.meta.dirname, '../..');

export default defineConfig({
  root,
  resolve: { alias: { '@': root } },
  test: {
    include: ['tests/e2e/reply-flow.test.ts'],
    globalSetup: ['tests/setup/global-database.ts'],
    setupFiles: ['tests/setup/test-env.ts'],
    testTimeout: 120_000,
    hookTimeout: 600_000,
    pool: 'forks',
  },
});

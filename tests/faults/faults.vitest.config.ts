import path from 'node:path';
import { defineConfig } from 'vitest/config';

// `npm run test:faults`: the built app (next build, or FAULTS_REUSE_BUILD=1 to reuse .next)
// under SIGKILL, PostgreSQL restarts and failing upstreams, each file with its own PostgreSQL
// and loopback fakes; plus the attacks that need the real server (server actions over HTTP,
// secrets in responses and logs). Files run one at a time: they load a 2-core machine.
const root = path.resolve(import.meta.dirname, '../..');

export default defineConfig({
  root,
  resolve: { alias: { '@': root } },
  test: {
    include: ['tests/faults/**/*.test.ts'],
    globalSetup: ['tests/faults/support/build-once.ts'],
    setupFiles: ['tests/setup/test-env.ts'],
    testTimeout: 120_000,
    hookTimeout: 900_000,
    pool: 'forks',
    fileParallelism: false,
  },
});

import path from 'node:path';
import { defineConfig } from 'vitest/config';

// The dashboard in headless Chromium (Debian's /usr/bin/chromium via playwright-core) against
// the built app in local mode, with the same per-run PostgreSQL as the other tests.
const root = path.resolve(import.meta.dirname, '../..');

export default defineConfig({
  root,
  resolve: { alias: { '@': root } },
  test: {
    include: [
      'tests/e2e/dashboard.test.ts',
      'tests/e2e/self-serve-connect.test.ts',
      'tests/e2e/accounts.test.ts',
      'tests/e2e/accounts-deployed.test.ts',
      'tests/e2e/calendar.test.ts',
      'tests/e2e/lead-merge.test.ts',
      'tests/e2e/teamwork.test.ts',
      'tests/e2e/reports.test.ts',
      'tests/e2e/attention.test.ts',
      'tests/e2e/ai-settings.test.ts',
      'tests/e2e/inbox-search.test.ts',
      'tests/e2e/choices.test.ts',
      'tests/e2e/media-send.test.ts',
      'tests/e2e/media-inbox.test.ts',
      'tests/e2e/templates.test.ts',
      'tests/e2e/reminders.test.ts',
      'tests/e2e/contact-import.test.ts',
      'tests/e2e/automations.test.ts',
      'tests/e2e/phone-navigation.test.ts',
      'tests/e2e/twilio-connect.test.ts',
    ],
    fileParallelism: false,
    globalSetup: ['tests/setup/global-database.ts'],
    setupFiles: ['tests/setup/test-env.ts'],
    testTimeout: 120_000,
    hookTimeout: 600_000,
    pool: 'forks',
  },
});

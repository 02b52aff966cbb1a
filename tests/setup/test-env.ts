import { randomBytes } from 'node:crypto';
import { setEnvForProcess } from '@/src/env';

// A fixed, local configuration for every test file; tests that need more set it themselves.
setEnvForProcess({
  APP_MODE: 'local',
  ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
});

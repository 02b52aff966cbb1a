import Anthropic from '@anthropic-ai/sdk';
import type { AppEnv } from '@/src/env';

// Every option explicit: base URL and key from our env (never the SDK's own env lookup), and a
// timeout and retry count that fit inside one job's time.
export function createClaudeClient(env: AppEnv): Anthropic {
  return new Anthropic({
    apiKey: env.ANTHROPIC_API_KEY ?? null,
    baseURL: env.ANTHROPIC_BASE_URL,
    timeout: env.AI_REQUEST_TIMEOUT_MS,
    maxRetries: env.AI_MAX_RETRIES,
    logLevel: 'off',
  });
}

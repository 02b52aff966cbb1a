import { createClaudeClient } from '../claude-client';
import { generateClaudeReply } from '../generate-claude-reply';
import type { AiProvider } from './ai-provider';

// Claude through the Messages API (src/ai/generate-claude-reply.ts), unchanged behind the interface.
export const claudeProvider: AiProvider = {
  name: 'anthropic',
  generatedBy: 'claude',
  isConfigured: (env) => Boolean(env.ANTHROPIC_API_KEY),
  generateReply: (context, env, options) =>
    generateClaudeReply(createClaudeClient(env), context, env, options),
};

import type { AppEnv } from '@/src/env';
import { log } from '@/src/shared/logger';
import type { AiContext } from '../ai-context';
import { classifyAiError } from '../ai-failure';
import { totalTokens } from '../ai-usage';
import type { AiProvider, ProviderReply, ReplyOptions } from './ai-provider';
import { claudeProvider } from './claude-provider';
import { openAiProvider } from './openai-provider';

// Who answers (issue 17 §3): the tenant's provider, then, when the tenant allows it, the other
// one; only those with a key in this deployment. Empty: no model (the offline responder).
// The other provider answers only when the first is down (429/5xx, timeouts, after its own
// retries) and ran no tool: a new start could book twice. Any other failure is final here.

const byName = { anthropic: claudeProvider, openai: openAiProvider } as const;

export function replyProviders(
  ai: Pick<AiContext['ai'], 'ai_provider' | 'ai_provider_fallback'>,
  env: AppEnv,
): AiProvider[] {
  const chosen = byName[ai.ai_provider];
  const other = ai.ai_provider === 'openai' ? claudeProvider : openAiProvider;
  return (ai.ai_provider_fallback ? [chosen, other] : [chosen]).filter((provider) =>
    provider.isConfigured(env),
  );
}

export async function answerWithProviders(
  providers: AiProvider[],
  context: AiContext,
  env: AppEnv,
  options: ReplyOptions,
): Promise<{ provider: AiProvider; reply: ProviderReply }> {
  for (const [index, provider] of providers.entries()) {
    try {
      return { provider, reply: await provider.generateReply(context, env, options) };
    } catch (error) {
      const failure = classifyAiError(error);
      const next = providers[index + 1];
      if (!next || !failure.retryable || failure.toolCalls.length > 0 || options.signal?.aborted)
        throw failure;
      log.warn('ai.provider_fallback', {
        tenantId: context.tenant.id,
        conversationId: context.conversation.id,
        from: provider.name,
        to: next.name,
        reason: failure.reason,
        // Tokens the failed provider had already charged are not recorded with the other's answer.
        unrecordedTokens: failure.usage ? totalTokens(failure.usage) : 0,
      });
    }
  }
  throw new Error('no AI provider to answer');
}

import type Anthropic from '@anthropic-ai/sdk';
import type { AiProviderName } from './model-allowlist';

// The tokens one AI answer cost, as the Messages API reports them in `usage`: input_tokens is the
// uncached part of the prompt; cache writes and reads are counted apart (their sum is the whole
// prompt). One answer may take several calls (tool rounds, a second try): they add up.
// OpenAI's counts are mapped to the same columns (src/ai/providers/openai-usage.ts).

export type AiUsage = {
  provider: AiProviderName;
  model: string;
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
};

export function emptyUsage(model: string, provider: AiProviderName = 'anthropic'): AiUsage {
  return {
    provider,
    model,
    input_tokens: 0,
    output_tokens: 0,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
  };
}

/** Adds one response's usage (fields may be null or missing on older responses). */
export function addUsage(total: AiUsage, usage: Partial<Anthropic.Usage> | undefined): void {
  total.input_tokens += usage?.input_tokens ?? 0;
  total.output_tokens += usage?.output_tokens ?? 0;
  total.cache_creation_input_tokens += usage?.cache_creation_input_tokens ?? 0;
  total.cache_read_input_tokens += usage?.cache_read_input_tokens ?? 0;
}

/** Every token counted against the monthly budget: prompt (cached or not) and answer. */
export function totalTokens(usage: AiUsage): number {
  return (
    usage.input_tokens +
    usage.output_tokens +
    usage.cache_creation_input_tokens +
    usage.cache_read_input_tokens
  );
}

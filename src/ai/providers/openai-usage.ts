import type { AiUsage } from '../ai-usage';
import type { ResponsesResult } from './openai-responses-client';

// OpenAI counts the whole prompt in input_tokens, its cached part in
// input_tokens_details.cached_tokens (PLATFORMS-2.md §7): stored like Claude's, the uncached part
// as input and the cached part as a cache read, so the columns still add up to the whole prompt.
export function addOpenAiUsage(total: AiUsage, usage: ResponsesResult['usage']): void {
  const cached = usage?.input_tokens_details?.cached_tokens ?? 0;
  total.input_tokens += Math.max(0, (usage?.input_tokens ?? 0) - cached);
  total.cache_read_input_tokens += cached;
  total.output_tokens += usage?.output_tokens ?? 0;
}

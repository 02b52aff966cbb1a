import type { AiContext, HistoryMessage } from './ai-context';
import { containsPhrase, normalizeText } from './normalize-text';

// Deterministic hand-offs decided before any model call: a configured keyword in the new
// customer messages, or the conversation reaching the configured number of customer messages.
export function findRuleEscalation(context: AiContext, fresh: HistoryMessage[]): string | undefined {
  const text = normalizeText(fresh.map((message) => message.text ?? '').join('\n'));
  const keyword = context.ai.escalation_keywords.find((candidate) => containsPhrase(text, candidate));
  if (keyword) return `keyword: ${keyword}`;
  const limit = context.ai.auto_escalate_after_messages;
  if (limit && context.inbound_count >= limit) return `reached ${limit} customer messages`;
  return undefined;
}

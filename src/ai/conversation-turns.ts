import type { HistoryMessage } from './ai-context';

// The conversation as Claude wants it: alternating user/assistant turns starting and ending
// with the customer (no assistant prefill). Consecutive messages of one side are merged.

export type Turn = { role: 'user' | 'assistant'; content: string };

function textOf(message: HistoryMessage): string {
  if (message.deleted) return '[the customer deleted this message]';
  const text = message.text?.trim();
  return text ? text : `[${message.message_type}]`;
}

export function buildConversationTurns(history: HistoryMessage[]): Turn[] {
  const turns: Turn[] = [];
  for (const message of history) {
    const role = message.direction === 'inbound' ? 'user' : 'assistant';
    const last = turns.at(-1);
    if (last?.role === role) last.content = `${last.content}\n${textOf(message)}`;
    else turns.push({ role, content: textOf(message) });
  }
  while (turns[0]?.role === 'assistant') turns.shift();
  while (turns.at(-1)?.role === 'assistant') turns.pop();
  return turns;
}

/**
 * The customer's messages since the last reply: what this answer is about. Automatic messages
 * right after them (a greeting: sender 'system') are not a reply; a 'system' hand-off is, but a
 * conversation answered by one never reaches here (the SQL's `answered` says so first).
 */
export function newCustomerMessages(history: HistoryMessage[]): HistoryMessage[] {
  const fresh: HistoryMessage[] = [];
  let i = history.length - 1;
  while (i >= 0 && history[i]!.direction === 'outbound' && history[i]!.sender === 'system') i -= 1;
  for (; i >= 0 && history[i]!.direction === 'inbound'; i -= 1) fresh.unshift(history[i]!);
  return fresh;
}

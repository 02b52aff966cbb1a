import type Anthropic from '@anthropic-ai/sdk';
import type { HistoryMessage } from './ai-context';
import type { MediaParts } from './media-blocks';

// The conversation as Claude wants it: alternating user/assistant turns starting and ending
// with the customer (no assistant prefill). Consecutive messages of one side are merged. A
// customer message with files puts their blocks (images, PDFs) before its text, and notes about
// files that are not sent ("[Imagen no disponible]") beside it; a turn with no file blocks stays
// plain text.

export type Turn = { role: 'user' | 'assistant'; content: string | Anthropic.ContentBlockParam[] };

function textOf(message: HistoryMessage, media: MediaParts | undefined): string {
  if (message.deleted) return '[the customer deleted this message]';
  const text = message.text?.trim() || `[${message.message_type}]`;
  const notes = media?.get(message.id)?.notes ?? [];
  return notes.length ? `${notes.join(' ')}\n${text}` : text;
}

function blocksOf(content: Turn['content']): Anthropic.ContentBlockParam[] {
  return typeof content === 'string' ? [{ type: 'text', text: content }] : content;
}

/** Adjacent text blocks joined, and a turn of text only back to a plain string. */
function tidy(blocks: Anthropic.ContentBlockParam[]): Turn['content'] {
  const merged: Anthropic.ContentBlockParam[] = [];
  for (const block of blocks) {
    const last = merged.at(-1);
    if (block.type === 'text' && last?.type === 'text')
      merged[merged.length - 1] = { type: 'text', text: `${last.text}\n${block.text}` };
    else merged.push(block);
  }
  return merged.length === 1 && merged[0]!.type === 'text' ? merged[0]!.text : merged;
}

export function buildConversationTurns(history: HistoryMessage[], media?: MediaParts): Turn[] {
  const turns: Turn[] = [];
  for (const message of history) {
    const role = message.direction === 'inbound' ? 'user' : 'assistant';
    const files = role === 'user' && !message.deleted ? (media?.get(message.id)?.blocks ?? []) : [];
    const content: Turn['content'] = files.length
      ? [...files, { type: 'text', text: textOf(message, media) }]
      : textOf(message, media);
    const last = turns.at(-1);
    if (last?.role === role) last.content = tidy([...blocksOf(last.content), ...blocksOf(content)]);
    else turns.push({ role, content });
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

import { randomUUID } from 'node:crypto';
import { HttpResponse } from 'msw';

// Messages API responses as the real API sends them (PLATFORMS.md 6.2-6.3): a thinking block
// may come first, the structured answer is a text block holding JSON.

export function claudeMessage(
  answer: unknown,
  fields: { model?: string; stopReason?: string; raw?: string } = {},
) {
  return HttpResponse.json(
    {
      id: `msg_${randomUUID().replaceAll('-', '').slice(0, 24)}`,
      type: 'message',
      role: 'assistant',
      model: fields.model ?? 'claude-haiku-5-5',
      content: [
        { type: 'thinking', thinking: '', signature: 'EqQBCkYIBxgCKkD3fakeSignature' },
        { type: 'text', text: fields.raw ?? JSON.stringify(answer) },
      ],
      stop_reason: fields.stopReason ?? 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: 812, output_tokens: 95 },
    },
    { headers: { 'request-id': `req_${randomUUID().slice(0, 8)}` } },
  );
}

export function anthropicError(
  status: number,
  type: string,
  message: string,
  headers: Record<string, string> = {},
) {
  return HttpResponse.json(
    { type: 'error', error: { type, message }, request_id: `req_${randomUUID().slice(0, 8)}` },
    {
      status,
      headers: { 'request-id': `req_${randomUUID().slice(0, 8)}`, 'x-should-retry': 'false', ...headers },
    },
  );
}

export type ClaudeAnswer = {
  reply: string;
  intent: string;
  signals: string[];
  escalate: boolean;
  escalation_reason: string;
};

export function answer(fields: Partial<ClaudeAnswer> = {}): ClaudeAnswer {
  return {
    reply: 'La limpieza dental profesional cuesta MXN 800 y dura 45 minutos. ¿Te agendo una cita?',
    intent: 'pricing',
    signals: [],
    escalate: false,
    escalation_reason: '',
    ...fields,
  };
}

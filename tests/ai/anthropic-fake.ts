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

/**
 * A tool_use turn as the Messages API sends it (PLATFORMS.md 6.3, PLATFORMS-2.md 6.2): a thinking
 * block with its signature first, then one tool_use block per call, stop_reason "tool_use".
 */
export function claudeToolUse(calls: { name: string; input: Record<string, unknown> }[]) {
  return HttpResponse.json(
    {
      id: `msg_${randomUUID().replaceAll('-', '').slice(0, 24)}`,
      type: 'message',
      role: 'assistant',
      model: 'claude-haiku-5-5',
      content: [
        { type: 'thinking', thinking: '', signature: 'EqQBCkYIBxgCKkD3fakeToolSignature' },
        ...calls.map((call) => ({
          type: 'tool_use',
          id: `toolu_${randomUUID().replaceAll('-', '').slice(0, 24)}`,
          name: call.name,
          input: call.input,
        })),
      ],
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage: { input_tokens: 1020, output_tokens: 60 },
    },
    { headers: { 'request-id': `req_${randomUUID().slice(0, 8)}` } },
  );
}

import { randomUUID } from 'node:crypto';
import { HttpResponse } from 'msw';

// Responses API answers as the real API sends them (PLATFORMS-2.md §7): a `response` object
// whose `output` holds a reasoning item, then a `message` item with `output_text` (the
// structured answer as JSON text) or `function_call` items (arguments as a JSON string), and
// `usage` counting the whole prompt in input_tokens with its cached part in the details.
// Errors are {"error": {"message", "type", "param", "code"}}.

const id = (prefix: string) => `${prefix}_${randomUUID().replaceAll('-', '')}`;

function response(
  output: unknown[],
  fields: { model?: string; status?: string; incomplete?: string; usage?: Record<string, unknown> } = {},
) {
  return HttpResponse.json(
    {
      id: id('resp'),
      object: 'response',
      created_at: Math.floor(Date.now() / 1000),
      status: fields.status ?? 'completed',
      error: null,
      incomplete_details: fields.incomplete ? { reason: fields.incomplete } : null,
      model: fields.model ?? 'gpt-6.2-luna-2026-10-01',
      output: [{ id: id('rs'), type: 'reasoning', summary: [] }, ...output],
      parallel_tool_calls: true,
      store: false,
      usage: fields.usage ?? {
        input_tokens: 1300,
        input_tokens_details: { cached_tokens: 1024 },
        output_tokens: 120,
        output_tokens_details: { reasoning_tokens: 40 },
        total_tokens: 1420,
      },
    },
    { headers: { 'x-request-id': id('req') } },
  );
}

export function openAiMessage(answer: unknown, fields: { raw?: string; model?: string } = {}) {
  return response(
    [
      {
        id: id('msg'),
        type: 'message',
        status: 'completed',
        role: 'assistant',
        content: [{ type: 'output_text', text: fields.raw ?? JSON.stringify(answer), annotations: [] }],
      },
    ],
    { model: fields.model },
  );
}

export function openAiFunctionCalls(calls: { name: string; input: Record<string, unknown> }[]) {
  return response(
    calls.map((call) => ({
      id: id('fc'),
      type: 'function_call',
      status: 'completed',
      call_id: id('call'),
      name: call.name,
      arguments: JSON.stringify(call.input),
    })),
  );
}

export function openAiError(status: number, type: string, code: string | null, message: string) {
  return HttpResponse.json(
    { error: { message, type, param: null, code } },
    { status, headers: { 'x-request-id': id('req') } },
  );
}

import { type Answer, type Exchange, type FakeUpstream, startFakeUpstream } from './fake-upstream';

// Anthropic's Messages API as the app calls it (API version 2026-10-21, Bearer key, structured
// output), answering with a reply that quotes the last customer turn, so a doubled answer to
// the same messages is visible at the platform. `fault` may answer instead (429, 529, hang...).

export type Fault = (exchange: Exchange) => Answer | undefined;

export function anthropicError(status: number, type: string, headers?: Record<string, string>): Answer {
  return {
    status,
    headers,
    body: { type: 'error', error: { type, message: `${type} (fake)` }, request_id: 'req_fake' },
  };
}

/** The reply the fake gives for a conversation whose last customer turn is `turn`. */
export function replyFor(turn: string): string {
  return `Respuesta a «${turn}»`.slice(0, 1000);
}

export function startFakeAnthropic(
  apiKey: string,
  options: { fault?: Fault; delayMs?: number } = {},
): Promise<FakeUpstream> {
  return startFakeUpstream((exchange) => {
    const { method, url, headers, body } = exchange;
    if (method !== 'POST' || url !== '/v1/messages') return anthropicError(404, 'not_found_error');
    if (headers.authorization !== `Bearer ${apiKey}`) return anthropicError(401, 'authentication_error');
    const messages = body?.messages as { role: string; content: unknown }[] | undefined;
    if (!messages?.length || messages.at(-1)?.role !== 'user' || 'temperature' in body)
      return anthropicError(400, 'invalid_request_error');
    const injected = options.fault?.(exchange);
    if (injected) return injected;
    const turn = String(messages.at(-1)!.content);
    const reply = {
      reply: replyFor(turn),
      intent: 'pricing',
      signals: ['interested'],
      escalate: false,
      escalation_reason: '',
    };
    return {
      status: 200,
      delayMs: options.delayMs,
      body: {
        id: `msg_fake${exchange.n}`,
        type: 'message',
        role: 'assistant',
        model: body.model,
        content: [{ type: 'text', text: JSON.stringify(reply) }],
        stop_reason: 'end_turn',
        stop_sequence: null,
        usage: { input_tokens: 10, output_tokens: 10 },
      },
    };
  });
}

import type { Answer, Exchange, FakeUpstream } from './fake-upstream';
import { startFakeUpstream } from './fake-upstream';

// WhatsApp Cloud API's send endpoint (POST /<version>/<phone number id>/messages) as PLATFORMS.md
// §2.4-2.5 describes it. Every request is kept; `sendsByMessage` counts them per our message id
// (the "inbox:<uuid>" the sender puts in biz_opaque_callback_data). `fault` may answer instead.

export function graphError(
  status: number,
  code: number,
  message: string,
  headers?: Record<string, string>,
): Answer {
  return {
    status,
    headers,
    body: { error: { message, type: 'OAuthException', code, fbtrace_id: 'AZfake' } },
  };
}

export function startFakeGraph(
  accessToken: string,
  phoneNumberId: string,
  options: { fault?: (exchange: Exchange) => Answer | undefined; delayMs?: number } = {},
): Promise<FakeUpstream> {
  return startFakeUpstream((exchange) => {
    const { method, url, headers, body } = exchange;
    if (method !== 'POST' || url !== `/v26.0/${phoneNumberId}/messages`)
      return graphError(400, 100, 'Unsupported request');
    if (headers.authorization !== `Bearer ${accessToken}`)
      return graphError(401, 190, 'Invalid OAuth access token.');
    if (body?.messaging_product !== 'whatsapp' || !body.to || body.type !== 'text')
      return graphError(400, 100, 'Invalid parameter');
    const injected = options.fault?.(exchange);
    if (injected) return injected;
    return {
      status: 200,
      delayMs: options.delayMs,
      body: {
        messaging_product: 'whatsapp',
        contacts: [{ input: body.to, wa_id: body.to }],
        messages: [{ id: `wamid.FAKE${exchange.n}`, message_status: 'accepted' }],
      },
    };
  });
}

/** A request the platform may have acted on: accepted, or the caller never saw a refusal. */
export function mayHaveDelivered(exchange: Exchange): boolean {
  const answer = exchange.answer;
  return !answer || !('status' in answer) || (answer.status >= 200 && answer.status < 300);
}

/** Send requests that may have reached the customer, per our message id (its "inbox:<uuid>" tag). */
export function sendsByMessage(graph: FakeUpstream): Map<string, number> {
  const counts = new Map<string, number>();
  for (const request of graph.requests) {
    const tag = String(request.body?.biz_opaque_callback_data ?? '');
    if (!tag.startsWith('inbox:') || !mayHaveDelivered(request)) continue;
    const id = tag.slice('inbox:'.length);
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

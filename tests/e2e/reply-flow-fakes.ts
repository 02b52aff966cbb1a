import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

// Loopback stand-ins for Anthropic's Messages API and Meta's Graph send API, speaking them as
// PLATFORMS.md documents: they refuse what the real APIs refuse (sampling parameters under API
// version 2026-10-21, assistant prefill, a wrong token) so the built app is checked for real.

export type Recorded = {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
};

export type FakeServer = {
  url: string;
  requests: Recorded[];
  close: () => Promise<void>;
  /** The next request (that `matches`, when given). */
  next: (matches?: (recorded: Recorded) => boolean) => Promise<Recorded>;
};

type Reply = { status: number; body: unknown };

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

async function startFake(answer: (recorded: Recorded) => Reply): Promise<FakeServer> {
  const requests: Recorded[] = [];
  const waiters: { matches: (recorded: Recorded) => boolean; resolve: (recorded: Recorded) => void }[] = [];
  const server: Server = createServer(async (request: IncomingMessage, response: ServerResponse) => {
    const recorded = {
      method: request.method ?? '',
      url: request.url ?? '',
      headers: request.headers,
      body: await readJson(request),
    };
    requests.push(recorded);
    const reply = answer(recorded);
    response.writeHead(reply.status, {
      'content-type': 'application/json',
      'request-id': `req_${randomUUID().slice(0, 8)}`,
    });
    response.end(JSON.stringify(reply.body));
    const waiter = waiters.findIndex((candidate) => candidate.matches(recorded));
    if (waiter >= 0) waiters.splice(waiter, 1)[0]!.resolve(recorded);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    next: (matches = () => true) => new Promise((resolve) => waiters.push({ matches, resolve })),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function anthropicError(status: number, type: string, message: string): Reply {
  return {
    status,
    body: { type: 'error', error: { type, message }, request_id: `req_${randomUUID().slice(0, 8)}` },
  };
}

export function startFakeAnthropic(apiKey: string, answer: Record<string, unknown>): Promise<FakeServer> {
  return startFake(({ method, url, headers, body }) => {
    if (method !== 'POST' || url !== '/v1/messages')
      return anthropicError(404, 'not_found_error', 'Not found');
    if (headers.authorization !== `Bearer ${apiKey}`)
      return anthropicError(401, 'authentication_error', 'invalid x-api-key');
    if (!headers['anthropic-version'])
      return anthropicError(400, 'invalid_request_error', 'anthropic-version header is required');
    for (const removed of ['temperature', 'top_p', 'top_k']) {
      if (removed in body)
        return anthropicError(400, 'invalid_request_error', `${removed}: Extra inputs are not permitted`);
    }
    const messages = body.messages as { role: string }[] | undefined;
    if (typeof body.max_tokens !== 'number' || !messages?.length)
      return anthropicError(400, 'invalid_request_error', 'max_tokens and messages are required');
    if (messages.at(-1)?.role !== 'user')
      return anthropicError(400, 'invalid_request_error', 'assistant prefill is not supported');
    return {
      status: 200,
      body: {
        id: `msg_${randomUUID().replaceAll('-', '').slice(0, 24)}`,
        type: 'message',
        role: 'assistant',
        model: body.model,
        content: [
          { type: 'thinking', thinking: '', signature: 'EqQBCkYIBxgCKkD3' },
          { type: 'text', text: JSON.stringify(answer) },
        ],
        stop_reason: 'end_turn',
        stop_sequence: null,
        usage: { input_tokens: 900, output_tokens: 80 },
      },
    };
  });
}

export function startFakeGraph(accessToken: string, phoneNumberId: string): Promise<FakeServer> {
  let n = 0;
  return startFake(({ method, url, headers, body }) => {
    const graphError = (status: number, code: number, message: string): Reply => ({
      status,
      body: { error: { message, type: 'OAuthException', code, fbtrace_id: 'AZ1fake' } },
    });
    // The token check of a new live connection without META_APP_ID: GET /me with the token.
    if (method === 'GET' && /^\/v\d+\.\d+\/me(\?|$)/.test(url)) {
      if (headers.authorization !== `Bearer ${accessToken}`)
        return graphError(401, 190, 'Invalid OAuth access token.');
      return { status: 200, body: { id: '100000000000042' } };
    }
    if (method === 'GET' && /^\/v\d+\.\d+\/\d+\/subscribed_apps$/.test(url)) {
      return {
        status: 200,
        body: { data: [{ whatsapp_business_api_data: { id: '1400000000000001', name: 'Inbox' } }] },
      };
    }
    if (method !== 'POST' || !/^\/v\d+\.\d+\/\d+\/messages$/.test(url))
      return graphError(400, 100, 'Unsupported request');
    if (headers.authorization !== `Bearer ${accessToken}`)
      return graphError(401, 190, 'Invalid OAuth access token.');
    if (!url.includes(`/${phoneNumberId}/`)) return graphError(400, 100, 'Unknown phone number id');
    if (body.messaging_product !== 'whatsapp' || !body.to) return graphError(400, 100, 'Invalid parameter');
    n += 1;
    return {
      status: 200,
      body: {
        messaging_product: 'whatsapp',
        contacts: [{ input: body.to, wa_id: body.to }],
        messages: [{ id: `wamid.E2E${n}`, message_status: 'accepted' }],
      },
    };
  });
}

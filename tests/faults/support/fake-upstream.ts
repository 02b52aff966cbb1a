import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Socket } from 'node:net';

// A third-party API stand-in on 127.0.0.1 whose answers the test scripts per request: a JSON
// reply, a reply after a delay, no reply at all (the caller times out) or a cut connection.
// Every request is recorded, including those whose caller was killed or gave up.

export type Exchange = {
  n: number;
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  // biome-ignore lint/suspicious/noExplicitAny: a third party's JSON, read by known paths in the fakes.
  body: any;
  /** What the fake answered (or did instead of answering). */
  answer?: Answer;
};
export type Answer =
  | { status: number; body?: unknown; headers?: Record<string, string>; delayMs?: number }
  | { hang: true }
  | { reset: true };

export type FakeUpstream = {
  url: string;
  requests: Exchange[];
  answer: (exchange: Exchange) => Answer;
  close: () => Promise<void>;
};

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return text;
  }
}

export async function startFakeUpstream(answer: (exchange: Exchange) => Answer): Promise<FakeUpstream> {
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const fake: FakeUpstream = { url: '', requests: [], answer, close: async () => {} };
  const server: Server = createServer(async (request, response) => {
    const exchange: Exchange = {
      n: fake.requests.length + 1,
      method: request.method ?? '',
      url: request.url ?? '',
      headers: request.headers,
      body: await readBody(request),
    };
    fake.requests.push(exchange);
    const reply = fake.answer(exchange);
    exchange.answer = reply;
    if ('hang' in reply) return;
    if ('reset' in reply) return void request.socket.destroy();
    const send = () => {
      if (response.destroyed) return;
      response.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      response.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
    };
    if (!reply.delayMs) return send();
    const timer = setTimeout(() => {
      timers.delete(timer);
      send();
    }, reply.delayMs);
    timers.add(timer);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  fake.close = () =>
    new Promise((resolve) => {
      for (const timer of timers) clearTimeout(timer);
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return fake;
}

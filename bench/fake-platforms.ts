import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

// Loopback stand-ins for the two third-party APIs on the reply path: Claude answering at once
// (the "fake AI at 0 ms") and Graph's send endpoint, which notes when each recipient's first
// send arrived: that moment is "send started".

export type FakeServer = { url: string; close: () => Promise<void> };
export type FakeGraph = FakeServer & {
  /** performance.now() of the first send to each recipient (wa_id). */
  firstSendAt: Map<string, number>;
  sends: () => number;
  recentSentId: () => string | undefined;
  waitForSend: (to: string, limitMs: number) => Promise<number | undefined>;
};

const claudeAnswer = JSON.stringify({
  reply: 'Claro, la limpieza cuesta MXN 800. ¿Te agendo?',
  intent: 'pricing',
  signals: ['interested'],
  escalate: false,
  escalation_reason: '',
});

function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<FakeServer> {
  const server = createServer(handler);
  server.keepAliveTimeout = 60_000;
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    }),
  );
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString()));
  });
}

export function startFakeClaude(): Promise<FakeServer> {
  return listen(async (req, res) => {
    await readBody(req);
    res.writeHead(200, { 'content-type': 'application/json', 'request-id': 'req_bench' });
    res.end(
      JSON.stringify({
        id: 'msg_bench',
        type: 'message',
        role: 'assistant',
        model: 'claude-haiku-5-5',
        content: [{ type: 'text', text: claudeAnswer }],
        stop_reason: 'end_turn',
        stop_sequence: null,
        usage: { input_tokens: 1, output_tokens: 1 },
      }),
    );
  });
}

export async function startFakeGraph(): Promise<FakeGraph> {
  const firstSendAt = new Map<string, number>();
  const waiters = new Map<string, (at: number) => void>();
  const recent: string[] = [];
  let sends = 0;
  const server = await listen(async (req, res) => {
    const arrived = performance.now();
    const body = JSON.parse((await readBody(req)) || '{}') as { to?: string };
    const to = String(body.to ?? '');
    if (!firstSendAt.has(to)) firstSendAt.set(to, arrived);
    waiters.get(to)?.(arrived);
    sends += 1;
    const id = `wamid.${randomBytes(12).toString('hex')}`;
    recent.push(id);
    if (recent.length > 200) recent.shift();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        messaging_product: 'whatsapp',
        contacts: [{ input: to, wa_id: to }],
        messages: [{ id }],
      }),
    );
  });
  return {
    ...server,
    firstSendAt,
    sends: () => sends,
    recentSentId: () => recent[Math.floor(Math.random() * recent.length)],
    waitForSend: (to, limitMs) => {
      const seen = firstSendAt.get(to);
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          waiters.delete(to);
          resolve(undefined);
        }, limitMs);
        waiters.set(to, (at) => {
          clearTimeout(timer);
          waiters.delete(to);
          resolve(at);
        });
      });
    },
  };
}

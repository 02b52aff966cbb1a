import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

// A business's automation endpoint (what an n8n Webhook node is) on loopback: it records every
// request's raw body and headers and answers with the statuses the test queued (then 200).

export type ReceivedWebhook = { path: string; headers: IncomingHttpHeaders; rawBody: string; status: number };

export async function startFakeWebhookReceiver(): Promise<{
  url: (path?: string) => string;
  received: ReceivedWebhook[];
  /** Statuses for the next requests, in order (e.g. five 503s); afterwards 200. */
  queue: number[];
  close: () => Promise<void>;
}> {
  const received: ReceivedWebhook[] = [];
  const queue: number[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const status = queue.shift() ?? 200;
      received.push({
        path: req.url ?? '',
        headers: req.headers,
        rawBody: Buffer.concat(chunks).toString('utf8'),
        status,
      });
      if (status >= 300 && status < 400) res.setHeader('location', '/elsewhere');
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(status >= 400 ? `workflow not ready ${'x'.repeat(2000)}` : 'ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path = '/webhook/inbox') => `http://127.0.0.1:${port}${path}`,
    received,
    queue,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

// Sentry's ingest on 127.0.0.1: POST /api/<project>/envelope/ answers 200 {"id": …} as Sentry
// does, and keeps each envelope as sent (gunzipped when the SDK compressed it) and parsed.
// Envelope: a JSON header line, then per item a JSON item header line and its payload (of
// `length` bytes when the item header says so, else up to the next newline).

export type EnvelopeItem = { header: { type?: string; length?: number }; payload: string };
export type Envelope = {
  project: string;
  gzipped: boolean;
  raw: string;
  header: Record<string, unknown>;
  items: EnvelopeItem[];
};

export type FakeSentryIngest = {
  port: number;
  envelopes: Envelope[];
  /** Parsed payloads of every item of this type (event, transaction, session…) received so far. */
  items: <T = Record<string, unknown>>(type: string) => T[];
  close: () => Promise<void>;
};

export function parseEnvelope(body: Buffer): Pick<Envelope, 'header' | 'items'> {
  let at = 0;
  const line = (): string => {
    const end = body.indexOf(0x0a, at);
    const text = body.subarray(at, end === -1 ? body.length : end).toString('utf8');
    at = end === -1 ? body.length : end + 1;
    return text;
  };
  const header = JSON.parse(line()) as Record<string, unknown>;
  const items: EnvelopeItem[] = [];
  while (at < body.length) {
    const itemLine = line();
    if (!itemLine.trim()) continue;
    const itemHeader = JSON.parse(itemLine) as EnvelopeItem['header'];
    if (typeof itemHeader.length === 'number') {
      items.push({ header: itemHeader, payload: body.subarray(at, at + itemHeader.length).toString('utf8') });
      at += itemHeader.length;
      if (body[at] === 0x0a) at += 1;
    } else {
      items.push({ header: itemHeader, payload: line() });
    }
  }
  return { header, items };
}

export async function startFakeSentryIngest(): Promise<FakeSentryIngest> {
  const envelopes: Envelope[] = [];
  const server = createServer(async (request, response) => {
    const route = /^\/api\/(\d+)\/envelope\/(?:\?|$)/.exec(request.url ?? '');
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    if (request.method !== 'POST' || !route) {
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"detail":"not found"}');
      return;
    }
    const sent = Buffer.concat(chunks);
    const gzipped = request.headers['content-encoding'] === 'gzip';
    const body = gzipped ? gunzipSync(sent) : sent;
    const envelope = { project: route[1]!, gzipped, raw: body.toString('utf8'), ...parseEnvelope(body) };
    envelopes.push(envelope);
    const id = typeof envelope.header.event_id === 'string' ? envelope.header.event_id : randomUUID();
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    envelopes,
    items: <T>(type: string) =>
      envelopes.flatMap((envelope) =>
        envelope.items
          .filter((item) => item.header.type === type)
          .map((item) => JSON.parse(item.payload) as T),
      ),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

import { createServer, type IncomingMessage, type Server } from 'node:http';
import { answerGraph, type FakeResponse } from './fake-graph';
import { answerTikTok } from './fake-tiktok';
import { emptyRecord, type FakeRecord, type FakeWorld } from './fake-world';

// One loopback server standing in for graph.facebook.com, graph.instagram.com and
// business-api.tiktok.com (paths tell them apart), plus any extra pages a test serves (the
// fake Facebook JS SDK). Point GRAPH_API_BASE_URL, INSTAGRAM_API_BASE_URL and
// TIKTOK_API_BASE_URL at `baseUrl`.

export type ExtraRoute = (
  url: URL,
) => { status: number; type: string; text: string; headers?: Record<string, string> } | undefined;

export type FakePlatforms = { baseUrl: string; record: FakeRecord; close: () => Promise<void> };

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : undefined;
}

export async function startFakePlatforms(world: FakeWorld, extra?: ExtraRoute): Promise<FakePlatforms> {
  const record = emptyRecord();
  const server: Server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const page = extra?.(url);
    if (page) {
      response.writeHead(page.status, { 'content-type': page.type, ...page.headers });
      response.end(page.text);
      return;
    }
    const headers = new Headers(request.headers as Record<string, string>);
    const body = await readBody(request).catch(() => undefined);
    const method = request.method ?? 'GET';
    const answer: FakeResponse = url.pathname.startsWith('/open_api/')
      ? answerTikTok(world, record, method, url, headers, body)
      : answerGraph(world, record, method, url, headers, body);
    response.writeHead(answer.status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    record,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelNames } from '@/src/channels/channel-registry';
import { runCli } from '../support/run-cli';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { callRoute } from './support/call-route';
import { freshWebhookTenant } from './support/fresh-tenant';
import { routes } from './support/post-webhook';

// `npm run cli -- webhook send` as a real process, against our real route handlers served on
// 127.0.0.1 (what `npm run dev` serves) and the test database.

let test: TestDatabase;
let tenant: { slug: string; tenantId: string };
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  test = await createTestDatabase();
  tenant = await freshWebhookTenant(test);
  server = createServer(async (incoming, outgoing) => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const url = new URL(incoming.url ?? '/', baseUrl);
    const match = /^\/api\/webhook\/([a-z]+)\/([^/]+)$/.exec(url.pathname);
    if (!match || !(match[1]! in routes) || incoming.method !== 'POST') {
      outgoing.writeHead(404).end();
      return;
    }
    const headers = new Headers();
    for (let i = 0; i < incoming.rawHeaders.length; i += 2)
      headers.append(incoming.rawHeaders[i]!, incoming.rawHeaders[i + 1]!);
    const request = new Request(url, { method: 'POST', headers, body: Buffer.concat(chunks) });
    const channel = match[1] as keyof typeof routes;
    const { response } = await callRoute(routes[channel].POST, request, match[2]!);
    outgoing.writeHead(response.status, {
      'content-type': response.headers.get('content-type') ?? 'text/plain',
    });
    outgoing.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await test.drop();
});

describe('webhook send', { timeout: 120_000 }, () => {
  it.each(channelNames)(
    '%s: signs with the connection secret, posts, prints the answer; the message is stored',
    async (channel) => {
      const text = `Hola desde la CLI (${channel}) ¿qué tal? 😀`;
      // An email customer is an address; a Twilio WhatsApp customer is a phone number (WaId).
      const from =
        { email: 'cli-email-1@example.com', twilio: '5215500000091' }[channel as string] ??
        `cli-${channel}-1`;
      const run = await runCli(test.url, [
        'webhook',
        'send',
        '--channel',
        channel,
        '--tenant',
        tenant.slug,
        '--text',
        text,
        '--from',
        from,
        '--url',
        baseUrl,
      ]);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`/api/webhook/${channel}/${tenant.slug}`);
      expect(run.stdout).toMatch(/\n200 \{"ok":true/);
      const { rows } = await test.pool.query(
        `select m.text, i.external_id from messages m join lead_identities i on i.lead_id = m.lead_id
       where m.tenant_id = $1 and m.channel = $2`,
        [tenant.tenantId, channel],
      );
      expect(rows).toEqual([{ text, external_id: from }]);
    },
  );

  it('refuses a live connection unless --live is given, storing nothing', async () => {
    const setMode = (mode: string) =>
      test.pool.query(
        "update channel_connections set mode = $2 where tenant_id = $1 and channel = 'whatsapp'",
        [tenant.tenantId, mode],
      );
    const before = await test.pool.query('select count(*)::int as n from messages where tenant_id = $1', [
      tenant.tenantId,
    ]);
    await setMode('live');
    try {
      const args = [
        'webhook',
        'send',
        '--channel',
        'whatsapp',
        '--tenant',
        tenant.slug,
        '--text',
        'x',
        '--url',
        baseUrl,
      ];
      const refused = await runCli(test.url, args);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('is live');
      expect(refused.stderr).toContain('--live');
    } finally {
      await setMode('sandbox');
    }
    const after = await test.pool.query('select count(*)::int as n from messages where tenant_id = $1', [
      tenant.tenantId,
    ]);
    expect(after.rows).toEqual(before.rows);
  });

  it('fails with a clear message for a tenant without that connection', async () => {
    const run = await runCli(test.url, [
      'webhook',
      'send',
      '--channel',
      'tiktok',
      '--tenant',
      'nobody-here',
      '--text',
      'x',
      '--url',
      baseUrl,
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('no tenant nobody-here');
  });
});

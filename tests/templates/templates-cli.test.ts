import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConversationFixture, createConversation } from '../outbound/outbound-fixture';
import { runCli } from '../support/run-cli';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// The template commands as an operator types them: a real CLI process against a real database,
// and Meta's template list served by a fake Graph on loopback (two pages, cursors as documented).

let test: TestDatabase;
let graph: Server;
let graphUrl: string;
let fixture: ConversationFixture;
const requests: string[] = [];

function template(id: string, name: string, body: string) {
  return {
    name,
    parameter_format: 'NAMED',
    components: [{ type: 'BODY', text: body }],
    language: 'es_MX',
    status: 'APPROVED',
    category: 'UTILITY',
    id,
  };
}

beforeAll(async () => {
  test = await createTestDatabase();
  graph = createServer((request, response) => {
    requests.push(`${request.method} ${request.url} ${request.headers.authorization ?? ''}`);
    const url = new URL(request.url ?? '/', 'http://graph');
    const page = url.searchParams.get('after')
      ? {
          data: [template('2002', 'bienvenida', 'Hola {{nombre}}, bienvenida.')],
          paging: { cursors: { before: 'b', after: 'c' } },
        }
      : {
          data: [
            template(
              '2001',
              'cita_confirmada',
              'Hola {{nombre}}, tu cita es el {{fecha}} a las {{hora}} en {{sucursal}}.',
            ),
          ],
          paging: { cursors: { before: 'a', after: 'b' }, next: 'https://graph.facebook.com/next' },
        };
    response.writeHead(url.pathname.endsWith('/message_templates') ? 200 : 404, {
      'content-type': 'application/json',
    });
    response.end(JSON.stringify(page));
  });
  await new Promise<void>((resolve) => graph.listen(0, '127.0.0.1', resolve));
  graphUrl = `http://127.0.0.1:${(graph.address() as AddressInfo).port}`;
  fixture = await createConversation(test, {
    channel: 'whatsapp',
    slug: 'tpl-cli',
    hoursAgo: 30,
    accessToken: 'EAAG-cli-token',
  });
});
afterAll(async () => {
  await new Promise((resolve) => graph.close(resolve));
  await test.drop();
});

const cli = (...args: string[]) =>
  runCli(test.url, args, { GRAPH_API_BASE_URL: graphUrl, GRAPH_API_VERSION: 'v26.0' });

describe('templates and message CLI', { timeout: 120_000 }, () => {
  it('syncs every page, lists, sends a template to a new number, and refuses free text after 24 h', async () => {
    const sync = await cli('templates', 'sync', '--tenant', 'tpl-cli');
    expect(sync.stderr).toBe('');
    expect(sync).toMatchObject({ code: 0 });
    expect(sync.stdout).toContain('Synced 2 template(s) (2 page(s) from Meta)');
    expect(requests).toHaveLength(2);
    expect(requests[0]).toContain(`GET /v26.0/${fixture.account.businessAccountId}/message_templates?`);
    expect(requests[0]).toContain('Bearer EAAG-cli-token');
    expect(requests[1]).toContain('after=b');

    const list = await cli('templates', 'list', '--tenant', 'tpl-cli', '--json');
    expect(list).toMatchObject({ code: 0 });
    expect(
      JSON.parse(list.stdout).map((row: { name: string; status: string }) => [row.name, row.status]),
    ).toEqual([
      ['bienvenida', 'approved'],
      ['cita_confirmada', 'approved'],
    ]);
    const human = await cli('templates', 'list', '--tenant', 'tpl-cli');
    expect(human.stdout).toMatch(/cita_confirmada\s+es_MX\s+utility\s+approved/);

    const sent = await cli(
      'message',
      'send',
      '--tenant',
      'tpl-cli',
      '--to',
      '+5215598765432',
      '--template',
      'cita_confirmada',
      '--language',
      'es_MX',
      '--params',
      'Ana,12 de diciembre,10:30,Del Valle',
      '--json',
    );
    expect(sent).toMatchObject({ code: 0 });
    const queued = JSON.parse(sent.stdout) as { id: string; text: string };
    expect(queued.text).toBe('Hola Ana, tu cita es el 12 de diciembre a las 10:30 en Del Valle.');
    const { rows } = await test.pool.query(
      `select m.sender, m.message_type, m.content, m.delivery_status, i.external_id, j.job_type
       from messages m join lead_identities i on i.lead_id = m.lead_id
       join jobs j on j.dedupe_key = 'send:' || m.id where m.id = $1`,
      [queued.id],
    );
    expect(rows[0]).toMatchObject({
      sender: 'system',
      message_type: 'template',
      delivery_status: 'queued',
      external_id: '5215598765432',
      job_type: 'send_whatsapp',
      content: {
        kind: 'template',
        name: 'cita_confirmada',
        language: 'es_MX',
        components: [
          {
            type: 'body',
            parameters: [
              { type: 'text', parameter_name: 'nombre', text: 'Ana' },
              { type: 'text', parameter_name: 'fecha', text: '12 de diciembre' },
              { type: 'text', parameter_name: 'hora', text: '10:30' },
              { type: 'text', parameter_name: 'sucursal', text: 'Del Valle' },
            ],
          },
        ],
      },
    });

    const text = await cli(
      'message',
      'send',
      '--tenant',
      'tpl-cli',
      '--to',
      fixture.externalId,
      '--text',
      'Hola',
    );
    expect(text.code).not.toBe(0);
    expect(text.stderr).toContain('more than 24 hours since the customer');
    expect(text.stderr).toContain('approved message templates');

    const missing = await cli(
      'message',
      'send',
      '--tenant',
      'tpl-cli',
      '--to',
      fixture.externalId,
      '--template',
      'cita_confirmada',
      '--params',
      'Ana',
    );
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('body.fecha');
  });
});

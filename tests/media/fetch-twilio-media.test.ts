import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setEnvForProcess } from '@/src/env';
import { fetchMediaHandler } from '@/src/jobs/handlers/fetch-media-handler';
import { createConversation, runJobs } from '../outbound/outbound-fixture';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// A Twilio MediaUrl fetched by the fetch_media job: HTTP Basic auth with the account's
// credentials on Twilio's API host, whose 307 to a short-lived copy elsewhere is followed
// without them (a fake Twilio and a fake media host, both speaking HTTP as Twilio's do).

const twilio = 'https://twilio.test';
const copyHost = 'https://media-copy.test';
const server = setupServer();
const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('foto de la muela')]);
const seen: Array<{ url: string; authorization: string | null }> = [];
let test: TestDatabase;

beforeAll(async () => {
  setEnvForProcess({ TWILIO_API_BASE_URL: twilio, DATA_DIR: await mkdtemp(join(tmpdir(), 'twilio-media-')) });
  server.listen({ onUnhandledRequest: 'error' });
  server.events.on('request:start', ({ request }) => {
    seen.push({ url: request.url, authorization: request.headers.get('authorization') });
  });
  test = await createTestDatabase();
});
afterAll(async () => {
  server.close();
  await test.drop();
});

describe('fetch_media for Twilio', () => {
  it('downloads with Basic auth on Twilio and without it after the redirect, and stores the file', async () => {
    const fixture = await createConversation(test, { channel: 'twilio', accessToken: 'media-auth-token' });
    const account = fixture.account.accountSid!;
    const sid = 'MM0123456789abcdef0123456789abcdef';
    const url = `${twilio}/2010-04-01/Accounts/${account}/Messages/${sid}/Media/ME0123456789abcdef0123456789abcdef`;
    const expected = `Basic ${Buffer.from(`${account}:media-auth-token`).toString('base64')}`;
    server.use(
      http.get(url, ({ request }) =>
        request.headers.get('authorization') === expected
          ? new HttpResponse(null, { status: 307, headers: { location: `${copyHost}/abc123` } })
          : HttpResponse.json({ code: 20003, message: 'Authenticate', status: 401 }, { status: 401 }),
      ),
      http.get(
        `${copyHost}/abc123`,
        () => new HttpResponse(new Uint8Array(jpeg), { headers: { 'content-type': 'image/jpeg' } }),
      ),
    );
    await test.pool.query(
      `insert into messages (tenant_id, conversation_id, lead_id, channel, direction, sender, message_type,
         text, media, platform_message_id)
       values ($1, $2, $3, 'twilio', 'inbound', 'lead', 'image', '[Imagen]', $4, $5)`,
      [
        fixture.tenantId,
        fixture.conversationId,
        fixture.leadId,
        { kind: 'image', items: [{ url, mime_type: 'image/jpeg', kind: 'image' }] },
        sid,
      ],
    );
    await runJobs(test, [fetchMediaHandler]);
    const { rows } = await test.pool.query(
      'select status, mime_type, byte_size::int from media_files where tenant_id = $1',
      [fixture.tenantId],
    );
    expect(rows).toEqual([{ status: 'stored', mime_type: 'image/jpeg', byte_size: jpeg.length }]);
    expect(seen).toEqual([
      { url, authorization: expected },
      { url: `${copyHost}/abc123`, authorization: null },
    ]);
  });
});

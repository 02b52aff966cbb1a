import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { devSessionCookieName, sealDevSession } from '@/src/auth/dev-session-cookie';
import { mediaReplyResponse } from '@/src/dashboard/inbox/media-reply-response';
import { getEnv, setEnvForProcess } from '@/src/env';
import { messagesEs } from '@/src/i18n/messages-es';
import { sendHandlers } from '@/src/jobs/handlers/send-message-handler';
import { openMediaToken, signMediaToken } from '@/src/media/signed-media-link';
import { signedMediaResponse } from '@/src/media/signed-media-response';
import { createMemoryCookies } from '../dashboard/memory-cookies';
import {
  type ConversationFixture,
  createConversation,
  makeAllDue,
  readMessage,
  runJobs,
} from '../outbound/outbound-fixture';
import { graphError } from '../outbound/platform-fake';
import { staffIdentity } from '../support/staff';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// Staff attach a photo or a document in the reply box (issue 16 §3): the route checks the file
// before anything is stored, one SQL call queues it, and the send job delivers it the way each
// platform documents (PLATFORMS-2.md §5): WhatsApp uploads once and sends by id; Messenger and
// Instagram fetch a short-lived signed link that serves exactly that file.

const graph = 'https://graph.test';
const appBase = 'https://inbox.test';
const server = setupServer();
let test: TestDatabase;
let dataDir: string;

type Upload = { url: string; authorization: string | null; fields: Record<string, string>; file: File };
const uploads: Upload[] = [];
const sends: { url: string; body: Record<string, unknown> }[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'media-send-'));
  setEnvForProcess({
    GRAPH_API_BASE_URL: graph,
    GRAPH_API_VERSION: 'v26.0',
    SEND_REQUEST_TIMEOUT_MS: '2000',
    DATA_DIR: dataDir,
    APP_BASE_URL: appBase,
  });
  server.listen({ onUnhandledRequest: 'error' });
  test = await createTestDatabase();
});
afterEach(() => {
  server.resetHandlers();
  uploads.length = 0;
  sends.length = 0;
});
afterAll(async () => {
  server.close();
  await test.drop();
  await rm(dataDir, { recursive: true, force: true });
});

// Real first bytes of each format (the sniffer reads nothing else), then filler.
const jpeg = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]),
  Buffer.alloc(2000, 7),
]);
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(1500, 3),
]);
const pdf = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(4000, 0x90)]);

/** Graph's upload endpoint: reads the multipart body as Meta would and answers {"id"}. */
function acceptUploads(id: string) {
  return http.post(`${graph}/v26.0/:phoneNumberId/media`, async ({ request }) => {
    const form = await request.formData();
    const fields: Record<string, string> = {};
    let file: File | undefined;
    for (const [key, value] of form.entries()) {
      if (typeof value === 'string') fields[key] = value;
      else if (key === 'file') file = value;
    }
    if (!file) return graphError(400, 100, 'Param file is required');
    uploads.push({ url: request.url, authorization: request.headers.get('authorization'), fields, file });
    return HttpResponse.json({ id });
  });
}

function whatsappMessages(answers: ('ok' | 'fail')[]) {
  return http.post(`${graph}/v26.0/:phoneNumberId/messages`, async ({ request }) => {
    sends.push({ url: request.url, body: (await request.json()) as Record<string, unknown> });
    if (answers.shift() === 'fail') return graphError(500, 131000, 'Something went wrong');
    return HttpResponse.json({
      messaging_product: 'whatsapp',
      contacts: [{ input: '5215512345678', wa_id: '5215512345678' }],
      messages: [{ id: `wamid.media-${sends.length}`, message_status: 'accepted' }],
    });
  });
}

function metaMessages(base: string) {
  return http.post(`${base}/v26.0/:pageId/messages`, async ({ request }) => {
    sends.push({ url: request.url, body: (await request.json()) as Record<string, unknown> });
    return HttpResponse.json({ recipient_id: 'x', message_id: `m_media-${sends.length}` });
  });
}

async function addStaff(fixture: ConversationFixture, role: 'agent' | 'owner' = 'agent') {
  return test.db.rpc('admin_seed_staff_member', {
    p_tenant_slug: fixture.slug,
    p_email: `${role}-${Math.random().toString(36).slice(2, 8)}@${fixture.slug}.example`,
    p_role: role,
  });
}

function cookiesOf(member: { user_id: string; email: string }) {
  const cookies = createMemoryCookies();
  cookies.set(
    devSessionCookieName,
    sealDevSession({ sub: member.user_id, email: member.email }, getEnv().ENCRYPTION_KEY!),
  );
  return cookies;
}

type AttachAnswer = {
  message: { id: string };
  error: { code: string; reason?: string; message: string };
};

async function attach(
  member: { user_id: string; email: string },
  route: { tenantSlug: string; conversationId: string },
  file: { bytes: Buffer; name: string; type: string },
  caption?: string,
) {
  const form = new FormData();
  form.set('file', new File([new Uint8Array(file.bytes)], file.name, { type: file.type }));
  if (caption !== undefined) form.set('caption', caption);
  const queued: string[] = [];
  const response = await mediaReplyResponse(
    new Request(`http://localhost/api/t/${route.tenantSlug}/conversations/${route.conversationId}/media`, {
      method: 'POST',
      body: form,
    }),
    route,
    {
      db: test.db,
      env: getEnv(),
      cookies: cookiesOf(member),
      t: messagesEs,
      afterQueued: (id) => queued.push(id),
    },
  );
  const body = (await response.json()) as AttachAnswer;
  return { status: response.status, body, queued };
}

async function mediaRow(messageId: string) {
  const { rows } = await test.pool.query('select * from public.media_files where message_id = $1', [
    messageId,
  ]);
  return rows;
}

async function storedFiles(tenantId: string): Promise<string[]> {
  return readdir(join(dataDir, 'media', tenantId)).catch(() => []);
}

async function countRows(fixture: ConversationFixture) {
  const { rows } = await test.pool.query(
    `select (select count(*) from public.messages where conversation_id = $1 and direction = 'outbound')::int as messages,
            (select count(*) from public.media_files where tenant_id = $2)::int as files,
            (select count(*) from public.jobs where tenant_id = $2 and job_type like 'send_%')::int as jobs`,
    [fixture.conversationId, fixture.tenantId],
  );
  return rows[0];
}

describe('staff send a file on WhatsApp', () => {
  it('stores it with its message in one call, uploads it once and sends it by id', async () => {
    const fixture = await createConversation(test, { channel: 'whatsapp', accessToken: 'EAAG-media-token' });
    const member = await addStaff(fixture);
    const sent = await attach(
      member,
      { tenantSlug: fixture.slug, conversationId: fixture.conversationId },
      { bytes: jpeg, name: 'radiografia.jpg', type: 'image/jpeg' },
      'Su radiografía',
    );
    expect(sent.status).toBe(201);
    expect(sent.queued).toEqual([fixture.tenantId]);
    const message = await readMessage(test, sent.body.message.id);
    expect(message).toMatchObject({
      message_type: 'image',
      text: 'Su radiografía',
      sender: 'human',
      sent_by_user_id: member.user_id,
      delivery_status: 'queued',
    });
    const [file] = await mediaRow(message.id);
    expect(file).toMatchObject({
      direction: 'outbound',
      kind: 'image',
      mime_type: 'image/jpeg',
      byte_size: String(jpeg.length),
      status: 'stored',
      storage_path: `${fixture.tenantId}/${file.id}`,
    });
    expect(message.content).toEqual({
      kind: 'media',
      mediaType: 'image',
      fileId: file.id,
      mimeType: 'image/jpeg',
    });
    expect(await storedFiles(fixture.tenantId)).toContain(file.id);

    server.use(acceptUploads('1037543291543636'), whatsappMessages(['ok']));
    const run = await runJobs(test, sendHandlers);
    expect(run.outcomes.completed).toBeGreaterThanOrEqual(1);

    expect(uploads).toHaveLength(1);
    const upload = uploads[0]!;
    expect(upload.url).toBe(`${graph}/v26.0/${fixture.account.phoneNumberId}/media`);
    expect(upload.authorization).toBe('Bearer EAAG-media-token');
    expect(upload.fields.messaging_product).toBe('whatsapp');
    expect(upload.file.type).toBe('image/jpeg');
    expect(Buffer.from(await upload.file.arrayBuffer()).equals(jpeg)).toBe(true);

    expect(sends).toHaveLength(1);
    expect(sends[0]!.body).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: fixture.externalId,
      type: 'image',
      image: { id: '1037543291543636', caption: 'Su radiografía' },
      biz_opaque_callback_data: `inbox:${message.id}`,
    });
    expect(await readMessage(test, message.id)).toMatchObject({
      delivery_status: 'sent',
      platform_message_id: 'wamid.media-1',
    });
    expect((await mediaRow(message.id))[0].platform_media_id).toBe('1037543291543636');
  });

  it('a retry after a failed send reuses the uploaded id: one upload, two sends, documents keep their name', async () => {
    const fixture = await createConversation(test, { channel: 'whatsapp' });
    const member = await addStaff(fixture);
    const sent = await attach(
      member,
      { tenantSlug: fixture.slug, conversationId: fixture.conversationId },
      { bytes: pdf, name: 'Cotización limpieza.pdf', type: 'application/pdf' },
      'Aquí está su cotización',
    );
    expect(sent.status).toBe(201);
    server.use(acceptUploads('media-pdf-1'), whatsappMessages(['fail', 'ok']));

    await runJobs(test, sendHandlers);
    expect(uploads).toHaveLength(1);
    expect(sends).toHaveLength(1);
    expect(await readMessage(test, sent.body.message.id)).toMatchObject({
      delivery_status: 'queued',
      error_code: '131000',
    });

    await makeAllDue(test);
    await runJobs(test, sendHandlers);

    expect(uploads).toHaveLength(1);
    expect(uploads[0]!.file.type).toBe('application/pdf');
    expect(sends).toHaveLength(2);
    for (const send of sends) {
      expect(send.body).toMatchObject({
        type: 'document',
        document: {
          id: 'media-pdf-1',
          caption: 'Aquí está su cotización',
          filename: 'Cotización limpieza.pdf',
        },
      });
    }
    expect(await readMessage(test, sent.body.message.id)).toMatchObject({ delivery_status: 'sent' });
  });

  it('a sandbox connection records the send by id in the outbox, with no upload at all', async () => {
    const fixture = await createConversation(test, { channel: 'whatsapp', mode: 'sandbox' });
    const member = await addStaff(fixture);
    const sent = await attach(
      member,
      { tenantSlug: fixture.slug, conversationId: fixture.conversationId },
      { bytes: png, name: 'menu.png', type: 'image/png' },
    );
    expect(sent.status).toBe(201);
    await runJobs(test, sendHandlers);
    const { rows } = await test.pool.query(
      'select request from public.outbox_messages where message_id = $1',
      [sent.body.message.id],
    );
    expect(rows[0].request.body).toMatchObject({
      type: 'image',
      image: { id: expect.stringMatching(/^sandbox-media-/) },
    });
    expect(uploads).toHaveLength(0);
  });
});

describe('staff send a file on Messenger and Instagram', () => {
  it('Messenger fetches a signed link that serves exactly that file, and stops serving it once expired', async () => {
    const fixture = await createConversation(test, { channel: 'facebook' });
    const member = await addStaff(fixture);
    const sent = await attach(
      member,
      { tenantSlug: fixture.slug, conversationId: fixture.conversationId },
      { bytes: png, name: 'promocion.png', type: 'image/png' },
    );
    expect(sent.status).toBe(201);
    server.use(metaMessages(graph));
    await runJobs(test, sendHandlers);

    expect(sends).toHaveLength(1);
    const message = sends[0]!.body.message as {
      attachment: { type: string; payload: { url: string; is_reusable: boolean } };
    };
    expect(message.attachment.type).toBe('image');
    expect(message.attachment.payload.is_reusable).toBe(true);
    const url = message.attachment.payload.url;
    expect(url.startsWith(`${appBase}/api/media/signed/`)).toBe(true);
    expect(sends[0]!.body).toMatchObject({
      recipient: { id: fixture.externalId },
      messaging_type: 'RESPONSE',
    });
    expect(await readMessage(test, sent.body.message.id)).toMatchObject({ delivery_status: 'sent' });

    // What Meta gets when it follows the link: the file's bytes and type.
    const token = url.split('/').pop()!;
    const served = await signedMediaResponse(token, { db: test.db, env: getEnv() });
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await served.arrayBuffer()).equals(png)).toBe(true);

    // Altered, or past its 15 minutes: nothing.
    const altered = `${token.slice(0, -2)}${token.endsWith('A') ? 'B' : 'A'}`;
    expect((await signedMediaResponse(altered, { db: test.db, env: getEnv() })).status).toBe(404);
    const key = getEnv().ENCRYPTION_KEY!;
    expect(openMediaToken(token, key, Math.floor(Date.now() / 1000) + 16 * 60)).toBeNull();
    const [file] = await mediaRow(sent.body.message.id);
    const expired = signMediaToken(
      { tenantId: fixture.tenantId, fileId: file.id },
      key,
      Math.floor(Date.now() / 1000) - 16 * 60,
    );
    expect((await signedMediaResponse(expired, { db: test.db, env: getEnv() })).status).toBe(404);
    // A link naming another tenant's id for the same file serves nothing either.
    const other = await createConversation(test, { channel: 'facebook' });
    const crossed = signMediaToken({ tenantId: other.tenantId, fileId: file.id }, key);
    expect((await signedMediaResponse(crossed, { db: test.db, env: getEnv() })).status).toBe(404);
  });

  it('Instagram sends a PDF as a file attachment, and refuses a caption before storing anything', async () => {
    const fixture = await createConversation(test, { channel: 'instagram', pageLinkedInstagram: true });
    const member = await addStaff(fixture);
    const route = { tenantSlug: fixture.slug, conversationId: fixture.conversationId };
    const refused = await attach(
      member,
      route,
      { bytes: pdf, name: 'menu.pdf', type: 'application/pdf' },
      'Nuestro menú',
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error.reason).toBe('media_caption_not_supported');
    expect(await storedFiles(fixture.tenantId)).toEqual([]);

    const sent = await attach(member, route, { bytes: pdf, name: 'menu.pdf', type: 'application/pdf' });
    expect(sent.status).toBe(201);
    server.use(metaMessages(graph));
    await runJobs(test, sendHandlers);
    expect(sends).toHaveLength(1);
    expect(sends[0]!.url).toBe(`${graph}/v26.0/${fixture.account.pageId}/messages`);
    expect(sends[0]!.body.message).toMatchObject({
      attachment: {
        type: 'file',
        payload: { url: expect.stringContaining('/api/media/signed/'), is_reusable: true },
      },
    });
  });
});

describe('files refused before anything is stored or queued', () => {
  it('a program renamed .jpg, a file over the channel limit, TikTok and a closed window', async () => {
    const whatsapp = await createConversation(test, { channel: 'whatsapp' });
    const member = await addStaff(whatsapp);
    const route = { tenantSlug: whatsapp.slug, conversationId: whatsapp.conversationId };
    const before = await countRows(whatsapp);

    const disguised = await attach(member, route, { bytes: exe, name: 'foto.jpg', type: 'image/jpeg' });
    expect(disguised.status).toBe(415);
    expect(disguised.body.error).toMatchObject({
      code: 'unsupported_media_type',
      reason: 'media_type_refused',
    });
    expect(disguised.body.error.message).toMatch(/no se puede enviar/);

    // WhatsApp takes images up to 5 MB.
    const big = Buffer.concat([jpeg, Buffer.alloc(5 * 1024 * 1024, 1)]);
    const tooBig = await attach(member, route, { bytes: big, name: 'grande.jpg', type: 'image/jpeg' });
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error.reason).toBe('media_too_big');

    expect(await countRows(whatsapp)).toEqual(before);
    expect(await storedFiles(whatsapp.tenantId)).toEqual([]);

    const tiktok = await createConversation(test, { channel: 'tiktok' });
    const tiktokMember = await addStaff(tiktok);
    const onTiktok = await attach(
      tiktokMember,
      { tenantSlug: tiktok.slug, conversationId: tiktok.conversationId },
      { bytes: jpeg, name: 'foto.jpg', type: 'image/jpeg' },
    );
    expect(onTiktok.status).toBe(400);
    expect(onTiktok.body.error.reason).toBe('media_not_supported_tiktok');
    expect(await storedFiles(tiktok.tenantId)).toEqual([]);
  });

  it('more than 24 h after the customer wrote, WhatsApp files are refused like text, and the bytes do not stay', async () => {
    const fixture = await createConversation(test, { channel: 'whatsapp', hoursAgo: 25 });
    const member = await addStaff(fixture);
    const before = await countRows(fixture);
    const closed = await attach(
      member,
      { tenantSlug: fixture.slug, conversationId: fixture.conversationId },
      { bytes: jpeg, name: 'foto.jpg', type: 'image/jpeg' },
    );
    expect(closed.status).toBe(400);
    expect(closed.body.error.reason).toBe('whatsapp_template_required');
    expect(closed.body.error.message).toMatch(/24 horas/);
    expect(await countRows(fixture)).toEqual(before);
    expect(await storedFiles(fixture.tenantId)).toEqual([]);
  });
});

describe('tenant isolation', () => {
  it("a member of B cannot attach a file to A's conversation, by either tenant's address or by SQL", async () => {
    const a = await createConversation(test, { channel: 'whatsapp' });
    const b = await createConversation(test, { channel: 'whatsapp' });
    const memberOfB = await addStaff(b, 'owner');
    const file = { bytes: jpeg, name: 'foto.jpg', type: 'image/jpeg' };
    const before = await countRows(a);

    const viaB = await attach(memberOfB, { tenantSlug: b.slug, conversationId: a.conversationId }, file);
    expect(viaB.status).toBe(404);
    const viaA = await attach(memberOfB, { tenantSlug: a.slug, conversationId: a.conversationId }, file);
    expect(viaA.status).toBe(404);
    const signedOut = await mediaReplyResponse(
      new Request('http://localhost/x', { method: 'POST', body: new FormData() }),
      { tenantSlug: a.slug, conversationId: a.conversationId },
      { db: test.db, env: getEnv(), cookies: createMemoryCookies(), t: messagesEs, afterQueued: () => {} },
    );
    expect(signedOut.status).toBe(401);

    const asB = staffIdentity(memberOfB.user_id);
    const args = {
      p_conversation_id: a.conversationId,
      p_user_id: memberOfB.user_id,
      p_file_id: crypto.randomUUID(),
      p_media_type: 'image',
      p_mime_type: 'image/jpeg',
      p_byte_size: 100,
      p_sha256: 'x',
      p_filename: null,
      p_caption: null,
    };
    await expect(
      test.db.rpc('send_human_media', { ...args, p_tenant_id: a.tenantId }, { as: asB }),
    ).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(
      test.db.rpc('send_human_media', { ...args, p_tenant_id: b.tenantId }, { as: asB }),
    ).rejects.toMatchObject({
      code: 'not_found',
    });
    expect(await countRows(a)).toEqual(before);
    expect(await storedFiles(a.tenantId)).toEqual([]);
    expect(await storedFiles(b.tenantId)).toEqual([]);
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { fixtureJson, fixtureText } from './support/fixtures';
import { freshWebhookTenant } from './support/fresh-tenant';
import { insertOutboundMessage } from './support/outbound-message';
import { postSigned } from './support/post-webhook';
import { countRows, messageByPlatformId } from './support/stored-rows';

let test: TestDatabase;
let tenant: { slug: string; tenantId: string };

beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(() => test.drop());
beforeEach(async () => {
  tenant = await freshWebhookTenant(test);
});

async function aiJobs() {
  const { rows } = await test.pool.query(
    "select * from jobs where tenant_id = $1 and job_type = 'ai_response' order by created_at",
    [tenant.tenantId],
  );
  return rows;
}

type Item = Record<string, unknown>;
type MessagesBody = { entry: Array<{ changes: Array<{ value: { contacts: Item[]; messages: Item[] } }> }> };

describe('WhatsApp inbound messages', () => {
  const kinds: Array<[fixture: string, id: string, type: string, text: string, answerable: boolean]> = [
    [
      'text',
      'wamid.HBgNNTIxNTU4NzY1NDMyMRUCABIYFDNBMDFBMDFBMDFBMDFBMDFBMDEA',
      'text',
      'Hola, ¿cuánto cuesta una limpieza? 🦷',
      true,
    ],
    ['image', 'wamid.IMAGE0001', 'image', '[Imagen] Así se ve mi muela', true],
    ['video', 'wamid.VIDEO0001', 'video', '[Video]', true],
    ['audio-voice', 'wamid.AUDIO0001', 'audio', '[Nota de voz]', true],
    ['document', 'wamid.DOC0001', 'document', '[Documento] presupuesto-ortodoncia.pdf Mi presupuesto', true],
    ['sticker', 'wamid.STICKER0001', 'sticker', '[Sticker]', true],
    [
      'location',
      'wamid.LOCATION0001',
      'location',
      '[Ubicación] Clínica Dental Esva Av. Insurgentes Sur 1234, CDMX (19.3866, -99.1743)',
      true,
    ],
    ['contacts', 'wamid.CONTACTS0001', 'contacts', '[Contacto] Luis Pérez +52 55 1111 2222', true],
    ['interactive-button-reply', 'wamid.BUTTONREPLY0001', 'button_reply', 'Sí, agendar', true],
    [
      'interactive-list-reply',
      'wamid.LISTREPLY0001',
      'list_reply',
      'Limpieza dental — 45 min, MXN 800',
      true,
    ],
    ['button-template', 'wamid.TEMPLATEBUTTON0001', 'button', 'Confirmar cita', true],
    ['reaction', 'wamid.REACTION0001', 'reaction', '[Reacción] 👍', false],
    ['unsupported', 'wamid.UNSUPPORTED0001', 'unsupported', '[Mensaje no compatible] poll_update', false],
  ];

  it.each(kinds)(
    'stores %s as one %s message with a readable text',
    async (fixture, id, type, text, answerable) => {
      const posted = await postSigned('whatsapp', tenant.slug, fixtureText('whatsapp', fixture));
      expect(posted.status).toBe(200);
      expect(posted.body).toMatchObject({ ok: true, outcome: 'accepted', stored: 1, leads_created: 1 });
      const message = await messageByPlatformId(test, tenant.tenantId, id);
      expect(message).toMatchObject({
        direction: 'inbound',
        sender: 'lead',
        message_type: type,
        text,
        delivery_status: 'received',
      });
      expect(message.raw_payload.id).toBe(id);
      expect(message.platform_timestamp.toISOString()).toBe('2026-07-29T08:00:04.000Z');
      expect(await aiJobs()).toHaveLength(answerable ? 1 : 0);
      expect(posted.afterTasks).toHaveLength(1);
    },
  );

  it('keeps the media reference and the replied-to message for later jobs', async () => {
    await postSigned('whatsapp', tenant.slug, fixtureText('whatsapp', 'image'));
    await postSigned('whatsapp', tenant.slug, fixtureText('whatsapp', 'interactive-button-reply'));
    const image = await messageByPlatformId(test, tenant.tenantId, 'wamid.IMAGE0001');
    expect(image.media).toMatchObject({ kind: 'image', id: '1479537139650973', mime_type: 'image/jpeg' });
    const reply = await messageByPlatformId(test, tenant.tenantId, 'wamid.BUTTONREPLY0001');
    expect(reply.reply_to_platform_message_id).toBe('wamid.OURINTERACTIVE0001');
  });

  it('makes a WARM lead with score 50, the profile name and the normalised phone', async () => {
    await postSigned('whatsapp', tenant.slug, fixtureText('whatsapp', 'text'));
    const { rows } = await test.pool.query(
      `select l.name, l.phone, l.score, l.classification, l.origin_channel, i.external_id, i.phone as identity_phone
       from leads l join lead_identities i on i.lead_id = l.id where l.tenant_id = $1`,
      [tenant.tenantId],
    );
    expect(rows).toEqual([
      {
        name: 'Ana López',
        phone: '+5215587654321',
        score: 50,
        classification: 'warm',
        origin_channel: 'whatsapp',
        external_id: '5215587654321',
        identity_phone: '+5215587654321',
      },
    ]);
    // WhatsApp payloads carry the name: no profile fetch.
    const jobs = await test.pool.query(
      "select 1 from jobs where job_type = 'fetch_profile' and tenant_id = $1",
      [tenant.tenantId],
    );
    expect(jobs.rows).toHaveLength(0);
  });

  it('keys a user without phone (username, 2026) by the business-scoped user id', async () => {
    const posted = await postSigned('whatsapp', tenant.slug, fixtureText('whatsapp', 'username-bsuid'));
    expect(posted.status).toBe(200);
    const { rows } = await test.pool.query(
      'select l.name, l.phone, i.external_id, i.username from leads l join lead_identities i on i.lead_id = l.id where l.tenant_id = $1',
      [tenant.tenantId],
    );
    expect(rows).toEqual([
      { name: 'Marta', phone: null, external_id: 'US.13491208655302741918', username: 'marta.mx' },
    ]);
  });

  it('keeps one lead when a customer who wrote with a phone later writes by username only (and back)', async () => {
    const delivery = (id: string, sender: { wa_id?: string; user_id: string }) => {
      const body = fixtureJson<MessagesBody>('whatsapp', 'username-bsuid');
      const value = body.entry[0]!.changes[0]!.value;
      value.contacts = [{ ...sender, profile: { name: 'Marta' } }];
      value.messages[0] = {
        ...value.messages[0],
        id,
        from: sender.wa_id,
        from_user_id: sender.user_id,
        timestamp: String(Math.floor(Date.now() / 1000)),
      };
      return JSON.stringify(body);
    };
    const bsuid = 'US.555000111222333';
    const withPhone = await postSigned(
      'whatsapp',
      tenant.slug,
      delivery('wamid.PHONE1', { wa_id: '5215512345678', user_id: bsuid }),
    );
    expect(withPhone.body).toMatchObject({ stored: 1, leads_created: 1 });
    const usernameOnly = await postSigned(
      'whatsapp',
      tenant.slug,
      delivery('wamid.NAME1', { user_id: bsuid }),
    );
    expect(usernameOnly.body).toMatchObject({ stored: 1, leads_created: 0, conversations_created: 0 });
    const phoneAgain = await postSigned(
      'whatsapp',
      tenant.slug,
      delivery('wamid.PHONE2', { wa_id: '5215512345678', user_id: bsuid }),
    );
    expect(phoneAgain.body).toMatchObject({ stored: 1, leads_created: 0 });

    const { rows } = await test.pool.query(
      `select i.external_id, l.phone from lead_identities i join leads l on l.id = i.lead_id
       where i.tenant_id = $1 order by i.created_at desc`,
      [tenant.tenantId],
    );
    // One lead with both ids; the phone stays the newest identity, where replies go.
    expect(rows).toEqual([
      { external_id: '5215512345678', phone: '+5215512345678' },
      { external_id: bsuid, phone: '+5215512345678' },
    ]);
    expect(await countRows(test, tenant.tenantId)).toMatchObject({
      leads: 1,
      identities: 2,
      conversations: 1,
    });
  });

  it('finds the lead first known by username when the phone shows up later', async () => {
    const first = await postSigned('whatsapp', tenant.slug, fixtureText('whatsapp', 'username-bsuid'));
    expect(first.body).toMatchObject({ leads_created: 1 });
    const body = fixtureJson<MessagesBody>('whatsapp', 'username-bsuid');
    const value = body.entry[0]!.changes[0]!.value;
    value.contacts[0]!.wa_id = '5215598765432';
    value.messages[0] = { ...value.messages[0], id: 'wamid.BSUID0002', from: '5215598765432' };
    const later = await postSigned('whatsapp', tenant.slug, JSON.stringify(body));
    expect(later.body).toMatchObject({ stored: 1, leads_created: 0, conversations_created: 0 });
    const { rows } = await test.pool.query(
      'select i.external_id from lead_identities i where i.tenant_id = $1 order by i.created_at desc',
      [tenant.tenantId],
    );
    // Replies now go to the phone (newest identity), sent with "to" rather than "recipient".
    expect(rows.map((row) => row.external_id)).toEqual(['5215598765432', 'US.13491208655302741918']);
  });

  it('stores a system notice on the existing lead without answering it', async () => {
    await postSigned('whatsapp', tenant.slug, fixtureText('whatsapp', 'text'));
    await test.pool.query("update jobs set status = 'completed' where tenant_id = $1", [tenant.tenantId]);
    const posted = await postSigned('whatsapp', tenant.slug, fixtureText('whatsapp', 'system'));
    expect(posted.body).toMatchObject({ stored: 1, leads_created: 0, conversations_created: 0, ai_jobs: 0 });
    const message = await messageByPlatformId(test, tenant.tenantId, 'wamid.SYSTEM0001');
    expect(message).toMatchObject({ sender: 'system', message_type: 'system' });
    expect(message.text).toContain('changed their phone number');
    expect((await aiJobs()).filter((job) => job.status === 'pending')).toHaveLength(0);
  });

  it('stores text with NUL characters and lone surrogates (legal JSON) instead of failing', async () => {
    const body = fixtureText('whatsapp', 'text').replace(
      'Hola, ¿cuánto cuesta una limpieza? 🦷',
      'a\\u0000b \\ud800 c',
    );
    const posted = await postSigned('whatsapp', tenant.slug, body);
    expect(posted.status).toBe(200);
    const { rows } = await test.pool.query('select text from messages where tenant_id = $1', [
      tenant.tenantId,
    ]);
    expect(rows[0].text).toBe('a\uFFFDb \uFFFD c');
  });

  it('stores a message type nobody has seen as itself, and does not answer it (nor unsupported)', async () => {
    const body = fixtureText('whatsapp', 'unsupported')
      .replace('"type": "unsupported"', '"type": "poll_vote"')
      .replace('wamid.UNSUPPORTED0001', 'wamid.NEWTYPE0001');
    const posted = await postSigned('whatsapp', tenant.slug, body);
    expect(posted.body).toMatchObject({ stored: 1, leads_created: 1, ai_jobs: 0 });
    expect(await messageByPlatformId(test, tenant.tenantId, 'wamid.NEWTYPE0001')).toMatchObject({
      message_type: 'poll_vote',
      text: '[Mensaje] poll_vote',
    });
    const unsupported = await postSigned('whatsapp', tenant.slug, fixtureText('whatsapp', 'unsupported'));
    expect(unsupported.body).toMatchObject({ stored: 1, ai_jobs: 0 });
    expect(await aiJobs()).toHaveLength(0);
    // An answerable message in the same conversation still gets its reply.
    const text = await postSigned('whatsapp', tenant.slug, fixtureText('whatsapp', 'text'));
    expect(text.body).toMatchObject({ stored: 1, ai_jobs: 1 });
  });

  it('stores a type that is empty or not a type name as "unknown", never refusing the batch', async () => {
    const body = fixtureText('whatsapp', 'unsupported').replace(
      '"type": "unsupported"',
      `"type": "${'x'.repeat(200)}"`,
    );
    const posted = await postSigned('whatsapp', tenant.slug, body);
    expect(posted.body).toMatchObject({ stored: 1, ignored: 0, ai_jobs: 0 });
    expect(await messageByPlatformId(test, tenant.tenantId, 'wamid.UNSUPPORTED0001')).toMatchObject({
      message_type: 'unknown',
      text: '[Mensaje]',
    });
  });

  it('counts fields that are not messages without storing anything', async () => {
    const posted = await postSigned('whatsapp', tenant.slug, fixtureText('whatsapp', 'account-update'));
    expect(posted.status).toBe(200);
    expect(posted.body).toMatchObject({ ok: true, events: 0, stored: 0, ignored: 1 });
    expect(posted.afterTasks).toHaveLength(0);
    expect(await countRows(test, tenant.tenantId)).toMatchObject({ leads: 0, messages: 0, jobs: 0 });
  });
});

describe('WhatsApp batches', () => {
  it('stores every entry, change, message and status, in one pending job per conversation', async () => {
    const posted = await postSigned('whatsapp', tenant.slug, fixtureText('whatsapp', 'batch'));
    expect(posted.status).toBe(200);
    expect(posted.body).toMatchObject({
      events: 5,
      stored: 4,
      statuses_pending: 1,
      leads_created: 2,
      conversations_created: 2,
      ai_jobs: 2,
      ignored: 1,
    });
    expect(await countRows(test, tenant.tenantId)).toMatchObject({
      leads: 2,
      conversations: 2,
      messages: 4,
      jobs: 2,
      pending_statuses: 1,
    });
    const newest = await messageByPlatformId(test, tenant.tenantId, 'wamid.BATCH0004');
    const jobs = await aiJobs();
    expect(jobs.find((job) => job.payload.conversation_id === newest.conversation_id)?.payload).toEqual({
      conversation_id: newest.conversation_id,
      message_id: newest.id,
    });
    expect(
      jobs.every(
        (job) => job.status === 'pending' && job.dedupe_key === `ai_response:${job.payload.conversation_id}`,
      ),
    ).toBe(true);
  });
});

describe('WhatsApp statuses', () => {
  async function ourReply(platformMessageId: string, status = 'sent') {
    return insertOutboundMessage(test, tenant.tenantId, 'whatsapp', {
      externalId: '5215587654321',
      platformMessageId,
      status,
    });
  }

  it('moves sent → delivered → read and never back', async () => {
    const { messageId } = await ourReply('wamid.OURREPLY0001');
    const posted = await postSigned('whatsapp', tenant.slug, fixtureText('whatsapp', 'statuses'));
    expect(posted.body).toMatchObject({ events: 3, stored: 0, statuses_applied: 2, statuses_unchanged: 1 });
    const replayed = await postSigned('whatsapp', tenant.slug, fixtureText('whatsapp', 'statuses'));
    // Its 'sent' changed nothing even the first time (the send had recorded it): 'unchanged',
    // not 'duplicate'; delivered and read are recognised as replays.
    expect(replayed.body).toMatchObject({ outcome: 'unchanged', statuses_applied: 0 });
    const statuses = fixtureJson<{
      entry: Array<{ changes: Array<{ value: { statuses: Array<{ status: string }> } }> }>;
    }>('whatsapp', 'statuses');
    const value = statuses.entry[0]!.changes[0]!.value;
    value.statuses = value.statuses.filter((status) => status.status !== 'sent');
    const onlyReplays = await postSigned('whatsapp', tenant.slug, JSON.stringify(statuses));
    expect(onlyReplays.body).toMatchObject({ outcome: 'duplicate', statuses_unchanged: 2 });
    const { rows } = await test.pool.query('select * from messages where id = $1', [messageId]);
    expect(rows[0].delivery_status).toBe('read');
    expect(rows[0].delivered_at.toISOString()).toBe('2026-07-29T08:00:11.000Z');
    expect(rows[0].read_at.toISOString()).toBe('2026-07-29T08:00:20.000Z');
  });

  it('records a failure with its code and details, and played for voice notes', async () => {
    const failed = await ourReply('wamid.OURREPLY0002');
    const voice = await ourReply('wamid.OURVOICE0001', 'read');
    await postSigned('whatsapp', tenant.slug, fixtureText('whatsapp', 'status-failed'));
    await postSigned('whatsapp', tenant.slug, fixtureText('whatsapp', 'status-played'));
    const { rows } = await test.pool.query(
      'select id, delivery_status, error_code, error_message from messages where id = any($1) order by delivery_status',
      [[failed.messageId, voice.messageId]],
    );
    expect(rows).toEqual([
      {
        id: failed.messageId,
        delivery_status: 'failed',
        error_code: '131049',
        error_message:
          'In order to maintain a healthy ecosystem engagement, the message failed to be delivered.',
      },
      { id: voice.messageId, delivery_status: 'played', error_code: null, error_message: null },
    ]);
  });

  /** The statuses fixture about a send whose answer never reached us: new wamid, our marker. */
  function statusesMarkedFor(messageId: string, wamid: string): string {
    return fixtureText('whatsapp', 'statuses')
      .replaceAll('wamid.OURREPLY0001', wamid)
      .replaceAll('"recipient_id"', `"biz_opaque_callback_data": "inbox:${messageId}", "recipient_id"`);
  }

  async function readReply(messageId: string) {
    const { rows } = await test.pool.query(
      'select delivery_status, platform_message_id, error_code, sent_at is not null as has_sent_at from messages where id = $1',
      [messageId],
    );
    return rows[0];
  }

  it.each([
    ['still sending (the sender was cut off)', 'sending', null],
    ['already failed as unconfirmed', 'failed', 'send_unconfirmed'],
  ])('confirms our send by its marker when the answer never came back: %s', async (_case, status, code) => {
    const { messageId } = await ourReply('wamid.unused', status);
    await test.pool.query(
      'update messages set platform_message_id = null, sent_at = null, error_code = $2 where id = $1',
      [messageId, code],
    );
    const posted = await postSigned(
      'whatsapp',
      tenant.slug,
      statusesMarkedFor(messageId, 'wamid.CUTOFF0001'),
    );
    expect(posted.body).toMatchObject({ statuses_applied: 2, statuses_pending: 0 });
    expect(await readReply(messageId)).toEqual({
      delivery_status: 'read',
      platform_message_id: 'wamid.CUTOFF0001',
      error_code: null,
      has_sent_at: true,
    });
    expect((await countRows(test, tenant.tenantId)).pending_statuses).toBe(0);
  });

  it("never lets a marker confirm another tenant's message, a sent one or a failure", async () => {
    const other = await test.db.rpc('admin_create_tenant', {
      p_slug: `wa-other-${Date.now()}`,
      p_name: 'Other clinic',
    });
    const theirs = await insertOutboundMessage(test, other.id, 'whatsapp', {
      externalId: '5215500000001',
      status: 'sending',
    });
    const ours = await ourReply('wamid.ALREADY0001', 'sent');
    await postSigned('whatsapp', tenant.slug, statusesMarkedFor(theirs.messageId, 'wamid.FORGED0001'));
    await postSigned('whatsapp', tenant.slug, statusesMarkedFor(ours.messageId, 'wamid.OTHER0001'));
    expect(await readReply(theirs.messageId)).toMatchObject({
      delivery_status: 'sending',
      platform_message_id: null,
    });
    expect(await readReply(ours.messageId)).toMatchObject({
      delivery_status: 'sent',
      platform_message_id: 'wamid.ALREADY0001',
    });
    const failure = fixtureText('whatsapp', 'status-failed');
    const cut = await ourReply('wamid.unused2', 'sending');
    await test.pool.query('update messages set platform_message_id = null where id = $1', [cut.messageId]);
    const failedStatus = JSON.parse(failure);
    const status = failedStatus.entry[0].changes[0].value.statuses[0];
    status.biz_opaque_callback_data = `inbox:${cut.messageId}`;
    status.id = 'wamid.FAILEDCUT0001';
    await postSigned('whatsapp', tenant.slug, JSON.stringify(failedStatus));
    expect(await readReply(cut.messageId)).toMatchObject({
      delivery_status: 'sending',
      platform_message_id: null,
    });
  });

  it('keeps a status that arrives before its message and applies it when the id is recorded', async () => {
    const posted = await postSigned('whatsapp', tenant.slug, fixtureText('whatsapp', 'statuses'));
    expect(posted.body).toMatchObject({ statuses_pending: 3 });
    // The sender records the platform id, then calls the helper (as issue 5's record function does).
    const { messageId } = await ourReply('wamid.OURREPLY0001', 'sending');
    const applied = await test.pool.query(
      "select internal.apply_pending_statuses($1, 'whatsapp', 'wamid.OURREPLY0001') as applied",
      [tenant.tenantId],
    );
    expect(applied.rows[0].applied).toBeGreaterThan(0);
    const { rows } = await test.pool.query('select delivery_status from messages where id = $1', [messageId]);
    expect(rows[0].delivery_status).toBe('read');
    expect((await countRows(test, tenant.tenantId)).pending_statuses).toBe(0);
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { fixtureJson, fixtureText } from './support/fixtures';
import { freshWebhookTenant } from './support/fresh-tenant';
import { postTwice as postTwiceTo } from './support/post-twice';
import { postSigned } from './support/post-webhook';
import { countRows, messageByPlatformId } from './support/stored-rows';

// Issue 14 §5 on WhatsApp: Coexistence echoes, edits, unreadable interactive messages, Flow
// answers holding objects, changed numbers, and the number's quality and limit (§4). Each
// fixture is shaped as Meta's webhook reference documents it; each replay stores nothing twice.

let test: TestDatabase;
let tenant: { slug: string; tenantId: string };

beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(() => test.drop());
beforeEach(async () => {
  tenant = await freshWebhookTenant(test);
});

const textId = 'wamid.HBgNNTIxNTU4NzY1NDMyMRUCABIYFDNBMDFBMDFBMDFBMDFBMDFBMDEA';

function post(body: string) {
  return postSigned('whatsapp', tenant.slug, body);
}

function postTwice(body: string) {
  return postTwiceTo(test, tenant, 'whatsapp', body);
}

async function identities() {
  const { rows } = await test.pool.query(
    'select external_id, lead_id, phone from lead_identities where tenant_id = $1 order by created_at',
    [tenant.tenantId],
  );
  return rows;
}

async function connection() {
  const { rows } = await test.pool.query(
    "select quality_rating, messaging_limit from channel_connections where tenant_id = $1 and channel = 'whatsapp'",
    [tenant.tenantId],
  );
  return rows[0];
}

describe('Coexistence echoes (smb_message_echoes)', () => {
  it('stores what the owner typed in the Business app as a staff message; a new contact starts a conversation', async () => {
    const { first, replay } = await postTwice(fixtureText('whatsapp', 'smb-message-echo'));
    expect(first.body).toMatchObject({ stored: 1, leads_created: 1, conversations_created: 1, ai_jobs: 0 });
    expect(replay.body).toMatchObject({ stored: 0, outcome: 'duplicate' });
    const echo = await messageByPlatformId(test, tenant.tenantId, 'wamid.ECHOAPP0001');
    expect(echo).toMatchObject({
      direction: 'outbound',
      sender: 'human',
      message_type: 'text',
      text: '¡Hola Sofía! Sí, mañana a las 10:00 tenemos lugar.',
      delivery_status: 'sent',
    });
    expect(await identities()).toEqual([
      expect.objectContaining({ external_id: '5215512340000', phone: '+5215512340000' }),
    ]);
  });

  it('an echo whose sender is the customer never makes the business number a lead', async () => {
    const body = fixtureJson<{ entry: Array<{ changes: Array<{ value: { message_echoes: object[] } }> }> }>(
      'whatsapp',
      'smb-message-echo',
    );
    const value = body.entry[0]!.changes[0]!.value;
    value.message_echoes = [
      { ...value.message_echoes[0], id: 'wamid.ECHOREVERSED1', from: '5215512340000', to: '15550783881' },
      { ...value.message_echoes[0], id: 'wamid.ECHOOURSONLY1', from: '15550783881', to: '15550783881' },
    ];
    const posted = await post(JSON.stringify(body));
    expect(posted.body).toMatchObject({ stored: 1, ignored: 1 });
    expect((await identities()).map((row) => row.external_id)).toEqual(['5215512340000']);
  });
});

describe('edits (type "edit")', () => {
  it('updates the original message and keeps its earlier text; a replayed edit is one history entry', async () => {
    await post(fixtureText('whatsapp', 'text'));
    const { first, replay } = await postTwice(fixtureText('whatsapp', 'edit'));
    expect(first.body).toMatchObject({ stored: 0, statuses_applied: 1, ai_jobs: 0 });
    expect(replay.body).toMatchObject({ statuses_applied: 0 });
    const message = await messageByPlatformId(test, tenant.tenantId, textId);
    expect(message.text).toBe('Hola, ¿cuánto cuesta una limpieza y un blanqueamiento? 🦷');
    const { rows } = await test.pool.query('select * from message_edits where message_id = $1', [message.id]);
    expect(rows).toEqual([
      expect.objectContaining({
        edit_id: 'wamid.EDIT0001',
        previous_text: 'Hola, ¿cuánto cuesta una limpieza? 🦷',
        text: 'Hola, ¿cuánto cuesta una limpieza y un blanqueamiento? 🦷',
        applied: true,
      }),
    ]);
    expect((await countRows(test, tenant.tenantId)).messages).toBe(1);
  });

  it('an edit that arrives before its message waits for it, once', async () => {
    const { first } = await postTwice(fixtureText('whatsapp', 'edit'));
    expect(first.body).toMatchObject({ stored: 0, statuses_applied: 0, statuses_unchanged: 1 });
    const { rows: waiting } = await test.pool.query(
      'select edit_id from pending_message_edits where tenant_id = $1',
      [tenant.tenantId],
    );
    expect(waiting).toEqual([{ edit_id: 'wamid.EDIT0001' }]);
    await post(fixtureText('whatsapp', 'text'));
    const message = await messageByPlatformId(test, tenant.tenantId, textId);
    expect(message.text).toBe('Hola, ¿cuánto cuesta una limpieza y un blanqueamiento? 🦷');
    const { rows } = await test.pool.query('select previous_text from message_edits where message_id = $1', [
      message.id,
    ]);
    expect(rows).toEqual([{ previous_text: 'Hola, ¿cuánto cuesta una limpieza? 🦷' }]);
    expect(
      (await test.pool.query('select 1 from pending_message_edits where tenant_id = $1', [tenant.tenantId]))
        .rowCount,
    ).toBe(0);
  });

  it('an older edit arriving after a newer one joins the history without overwriting the text', async () => {
    await post(fixtureText('whatsapp', 'text'));
    const newer = fixtureText('whatsapp', 'edit')
      .replace('wamid.EDIT0001', 'wamid.EDIT0002')
      .replace('"1785312060"', '"1785312090"')
      .replace('y un blanqueamiento', 'y una ortodoncia');
    await post(newer);
    await post(fixtureText('whatsapp', 'edit'));
    const message = await messageByPlatformId(test, tenant.tenantId, textId);
    expect(message.text).toBe('Hola, ¿cuánto cuesta una limpieza y una ortodoncia? 🦷');
    const { rows } = await test.pool.query(
      'select edit_id, applied from message_edits where message_id = $1 order by edit_id',
      [message.id],
    );
    expect(rows).toEqual([
      { edit_id: 'wamid.EDIT0001', applied: false },
      { edit_id: 'wamid.EDIT0002', applied: true },
    ]);
  });
});

describe('messages WhatsApp could not deliver whole', () => {
  it('an interactive message without its interactive object is stored unreadable and not answered', async () => {
    const { first } = await postTwice(fixtureText('whatsapp', 'interactive-without-content'));
    expect(first.body).toMatchObject({ stored: 1, ai_jobs: 0 });
    const message = await messageByPlatformId(test, tenant.tenantId, 'wamid.INTERACTIVEBROKEN0001');
    expect(message).toMatchObject({
      message_type: 'unsupported',
      text: '[Mensaje no compatible] interactive',
    });
  });
});

describe('badly typed fields', () => {
  it('null optional fields, numeric ids and one odd field cost only themselves', async () => {
    const body = fixtureJson<{ entry: Array<{ changes: Array<{ value: { messages: object[] } }> }> }>(
      'whatsapp',
      'image',
    );
    const value = body.entry[0]!.changes[0]!.value;
    const image = value.messages[0] as Record<string, Record<string, unknown>>;
    value.messages = [
      {
        ...image,
        from: 5215587654321,
        context: null,
        referral: 'not-an-object',
        image: { ...image.image, caption: null, sha256: 42 },
      },
    ];
    const { first } = await postTwice(JSON.stringify(body));
    expect(first.body).toMatchObject({ stored: 1, ignored: 0, ai_jobs: 1 });
    const message = await messageByPlatformId(test, tenant.tenantId, 'wamid.IMAGE0001');
    expect(message).toMatchObject({
      message_type: 'image',
      text: '[Imagen]',
      reply_to_platform_message_id: null,
    });
    expect(message.media).toMatchObject({ kind: 'image', caption: null, sha256: null });
    expect((await identities()).map((row) => row.external_id)).toEqual(['5215587654321']);
  });
});

describe('Flow answers holding objects', () => {
  it('reads every field, nested ones too', async () => {
    const { first } = await postTwice(fixtureText('whatsapp', 'interactive-flow-reply-object'));
    expect(first.body).toMatchObject({ stored: 1, ai_jobs: 1 });
    const message = await messageByPlatformId(test, tenant.tenantId, 'wamid.FLOWREPLY0002');
    expect(message.text).toBe(
      '[Formulario enviado] servicio: Ortodoncia; appointment: fecha 2026-08-05, hora 16:30, sucursal Roma Norte; recordatorio: true',
    );
  });
});

describe('user_changed_number', () => {
  it('links the new wa_id to the same lead: the next message from it opens no second lead', async () => {
    await post(fixtureText('whatsapp', 'text'));
    const { first } = await postTwice(fixtureText('whatsapp', 'system'));
    expect(first.body).toMatchObject({ stored: 1, leads_created: 0, ai_jobs: 0 });
    const fromNewNumber = fixtureText('whatsapp', 'text')
      .replaceAll('5215587654321', '5215599990000')
      .replace(textId, 'wamid.FROMNEWNUMBER0001');
    const posted = await post(fromNewNumber);
    expect(posted.body).toMatchObject({ stored: 1, leads_created: 0 });
    const rows = await identities();
    expect(rows.map((row) => row.external_id)).toEqual(['5215587654321', '5215599990000']);
    expect(new Set(rows.map((row) => row.lead_id)).size).toBe(1);
    const { rows: leads } = await test.pool.query('select phone from leads where tenant_id = $1', [
      tenant.tenantId,
    ]);
    expect(leads).toEqual([{ phone: '+5215599990000' }]);
  });
});

describe('the number’s quality and messaging limit', () => {
  const quality = () => fixtureText('whatsapp', 'phone-number-quality-update');

  it('stores the limit of phone_number_quality_update, addressed by the WABA id', async () => {
    const { first, replay } = await postTwice(quality());
    expect(first.body).toMatchObject({ outcome: 'accepted', statuses_applied: 1, skipped: 0 });
    expect(replay.body).toMatchObject({ statuses_applied: 0, statuses_unchanged: 1 });
    expect(await connection()).toEqual({ quality_rating: null, messaging_limit: 'TIER_10K' });
  });

  it('never moves backwards: an older change arriving late is ignored, a newer FLAGGED applies', async () => {
    await post(quality());
    const older = quality()
      .replace('1785312100', '1785312000')
      .replace(/"TIER_10K"/g, '"TIER_250"');
    expect((await post(older)).body).toMatchObject({ statuses_applied: 0 });
    expect(await connection()).toEqual({ quality_rating: null, messaging_limit: 'TIER_10K' });
    const flagged = quality().replace('1785312100', '1785312300').replace('"UPGRADE"', '"FLAGGED"');
    expect((await post(flagged)).body).toMatchObject({ statuses_applied: 1 });
    expect(await connection()).toEqual({ quality_rating: 'RED', messaging_limit: 'TIER_10K' });
  });

  it('account_update: a messaging restriction becomes the limit; other account events are only counted', async () => {
    const { first } = await postTwice(fixtureText('whatsapp', 'account-update-restriction'));
    expect(first.body).toMatchObject({ statuses_applied: 1 });
    expect(await connection()).toMatchObject({ messaging_limit: 'RESTRICTED_BIZ_INITIATED_MESSAGING' });
    const verified = await post(fixtureText('whatsapp', 'account-update'));
    expect(verified.body).toMatchObject({ events: 0, ignored: 1 });
  });

  it('another business account’s change is skipped, stored nowhere', async () => {
    const posted = await post(quality().replace('"102290129340398"', '"999000111222555"'));
    expect(posted.body).toMatchObject({ skipped: 1, statuses_applied: 0 });
    expect(await connection()).toEqual({ quality_rating: null, messaging_limit: null });
  });
});

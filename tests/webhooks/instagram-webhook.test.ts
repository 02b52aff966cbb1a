import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { fixtureText } from './support/fixtures';
import { freshWebhookTenant } from './support/fresh-tenant';
import { insertOutboundMessage } from './support/outbound-message';
import { postSigned } from './support/post-webhook';
import { countRows, messageByPlatformId } from './support/stored-rows';

const igsid = '1254459154682919';
const textMid = 'aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQxNDA1ODIyMzA0OTE0';
let test: TestDatabase;
let tenant: { slug: string; tenantId: string };

beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(() => test.drop());
beforeEach(async () => {
  tenant = await freshWebhookTenant(test);
});

describe('Instagram inbound messages', () => {
  const kinds: Array<[fixture: string, id: string, type: string, text: string]> = [
    ['text', textMid, 'text', '¿Hacen blanqueamiento? ✨'],
    ['story-reply', 'aWdfSTORYREPLY0001', 'story_reply', '[Respuesta a tu historia] ¡Qué bonita clínica!'],
    ['story-mention', 'aWdfSTORYMENTION0001', 'story_mention', '[Te mencionó en su historia]'],
    ['share', 'aWdfSHARE0001', 'share', '[Publicación compartida]'],
    ['unsupported', 'aWdfUNSUPPORTED0001', 'unsupported', '[Mensaje no compatible]'],
    ['postback', 'aWdfPOSTBACK0001', 'postback', '¿Cuáles son sus horarios?'],
    ['quick-reply', 'aWdfQUICK0001', 'quick_reply', 'Sí'],
    ['reaction', `reaction:aWdfOURREPLY0001:${igsid}:react:1785312004523`, 'reaction', '[Reacción] ❤'],
  ];

  it.each(kinds)('stores %s as one %s message', async (fixture, id, type, text) => {
    const posted = await postSigned('instagram', tenant.slug, fixtureText('instagram', fixture));
    expect(posted.status).toBe(200);
    expect(posted.body).toMatchObject({ stored: 1, leads_created: 1 });
    expect(await messageByPlatformId(test, tenant.tenantId, id)).toMatchObject({
      direction: 'inbound',
      message_type: type,
      text,
    });
  });

  it('keeps the story a reply points at (its CDN URL expires)', async () => {
    await postSigned('instagram', tenant.slug, fixtureText('instagram', 'story-reply'));
    const message = await messageByPlatformId(test, tenant.tenantId, 'aWdfSTORYREPLY0001');
    expect(message.media.story).toEqual({
      id: '17952133411623423',
      url: 'https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=17952133411623423',
    });
  });

  it('marks an unsent message deleted, whichever arrives first', async () => {
    await postSigned('instagram', tenant.slug, fixtureText('instagram', 'text'));
    const deleted = await postSigned('instagram', tenant.slug, fixtureText('instagram', 'deleted'));
    expect(deleted.body).toMatchObject({ stored: 0, statuses_applied: 1 });
    expect(await messageByPlatformId(test, tenant.tenantId, textMid)).toMatchObject({
      delivery_status: 'deleted',
      text: null,
      raw_payload: null,
    });

    const other = await freshWebhookTenant(test);
    const early = await postSigned('instagram', other.slug, fixtureText('instagram', 'deleted'));
    expect(early.body).toMatchObject({ statuses_pending: 1 });
    await postSigned('instagram', other.slug, fixtureText('instagram', 'text'));
    expect(await messageByPlatformId(test, other.tenantId, textMid)).toMatchObject({
      delivery_status: 'deleted',
    });
  });

  it('does not answer a message Instagram could not show us (is_unsupported), as on WhatsApp', async () => {
    const posted = await postSigned('instagram', tenant.slug, fixtureText('instagram', 'unsupported'));
    expect(posted.body).toMatchObject({ stored: 1, ai_jobs: 0 });
    const jobs = await test.pool.query(
      "select 1 from jobs where tenant_id = $1 and job_type = 'ai_response'",
      [tenant.tenantId],
    );
    expect(jobs.rows).toHaveLength(0);
  });

  it('counts comments (entry changes) without storing them', async () => {
    const posted = await postSigned('instagram', tenant.slug, fixtureText('instagram', 'comment'));
    expect(posted.body).toMatchObject({ ok: true, events: 0, ignored: 1 });
  });

  it('stores a batch and applies a seen receipt for one message', async () => {
    const ours = await insertOutboundMessage(test, tenant.tenantId, 'instagram', {
      externalId: igsid,
      platformMessageId: 'aWdfOURREPLY0009',
    });
    const posted = await postSigned('instagram', tenant.slug, fixtureText('instagram', 'batch'));
    expect(posted.body).toMatchObject({ stored: 3, statuses_applied: 1, leads_created: 1 });
    const { rows } = await test.pool.query('select delivery_status from messages where id = $1', [
      ours.messageId,
    ]);
    expect(rows[0].delivery_status).toBe('read');
    expect(await countRows(test, tenant.tenantId)).toMatchObject({ leads: 2, messages: 4 });
  });
});

describe('Instagram echoes', () => {
  it('stores an echo typed in the Instagram app as a human message and enqueues no reply', async () => {
    const posted = await postSigned('instagram', tenant.slug, fixtureText('instagram', 'echo'));
    expect(posted.body).toMatchObject({ stored: 1, ai_jobs: 0 });
    expect(await messageByPlatformId(test, tenant.tenantId, 'aWdfECHO0001')).toMatchObject({
      direction: 'outbound',
      sender: 'human',
    });
    const jobs = await test.pool.query(
      "select job_type from jobs where tenant_id = $1 and job_type = 'ai_response'",
      [tenant.tenantId],
    );
    expect(jobs.rows).toHaveLength(0);
  });

  it('links an echo to our unsent message with the same text when it races the sender', async () => {
    const ours = await insertOutboundMessage(test, tenant.tenantId, 'instagram', {
      externalId: igsid,
      status: 'sending',
      text: '¡Hola! Sí, hacemos blanqueamiento.',
    });
    const posted = await postSigned('instagram', tenant.slug, fixtureText('instagram', 'echo'));
    expect(posted.body).toMatchObject({ stored: 0, echoes_linked: 1 });
    const { rows } = await test.pool.query(
      'select id, platform_message_id from messages where tenant_id = $1',
      [tenant.tenantId],
    );
    expect(rows).toEqual([{ id: ours.messageId, platform_message_id: 'aWdfECHO0001' }]);
  });
});

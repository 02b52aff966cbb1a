import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { fixtureText } from './support/fixtures';
import { freshWebhookTenant } from './support/fresh-tenant';
import { postSigned } from './support/post-webhook';
import { countRows, messageByPlatformId } from './support/stored-rows';

// WhatsApp message kinds beyond the everyday ones, each from a fixture shaped as Meta's webhook
// reference documents it (Flows response, catalog order, request_welcome, Click-to-WhatsApp
// referral, revoke), through the real route into the real database.

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
    "select * from jobs where tenant_id = $1 and job_type = 'ai_response'",
    [tenant.tenantId],
  );
  return rows;
}

const textId = 'wamid.HBgNNTIxNTU4NzY1NDMyMRUCABIYFDNBMDFBMDFBMDFBMDFBMDFBMDEA';

describe('WhatsApp kinds a shop or a clinic meets', () => {
  const kinds: Array<[fixture: string, id: string, type: string, text: string]> = [
    [
      'interactive-flow-reply',
      'wamid.FLOWREPLY0001',
      'flow_reply',
      '[Formulario enviado] servicio: Limpieza dental; fecha: 2026-08-03; horario: 10:00; notas: Tengo sensibilidad',
    ],
    [
      'order',
      'wamid.ORDER0001',
      'order',
      '[Pedido] 2 × kit-blanqueamiento (450 MXN c/u); 1 × cepillo-electrico (899.5 MXN c/u) — Total: 1799.5 MXN — ¿Me lo pueden enviar hoy?',
    ],
    ['request-welcome', 'wamid.WELCOME0001', 'request_welcome', '[Abrió el chat por primera vez]'],
    [
      'referral-text',
      'wamid.REFERRAL0001',
      'text',
      'Hola, vi su anuncio del 2x1 en limpieza\n[Llegó desde un anuncio] Limpieza dental 2x1 https://fb.me/3cr4Wqqkv',
    ],
  ];

  it.each(kinds)('stores %s as one answerable %s message', async (fixture, id, type, text) => {
    const posted = await postSigned('whatsapp', tenant.slug, fixtureText('whatsapp', fixture));
    expect(posted.status).toBe(200);
    expect(posted.body).toMatchObject({ outcome: 'accepted', stored: 1, leads_created: 1, ai_jobs: 1 });
    const message = await messageByPlatformId(test, tenant.tenantId, id);
    expect(message).toMatchObject({ direction: 'inbound', sender: 'lead', message_type: type, text });
    expect(message.raw_payload.id).toBe(id);
    const jobs = await aiJobs();
    expect(jobs).toHaveLength(1);
    expect(jobs[0].payload.message_id).toBe(message.id);
  });

  it('keeps what the Flow returned and the message it answers', async () => {
    await postSigned('whatsapp', tenant.slug, fixtureText('whatsapp', 'interactive-flow-reply'));
    const message = await messageByPlatformId(test, tenant.tenantId, 'wamid.FLOWREPLY0001');
    expect(message.reply_to_platform_message_id).toBe('wamid.OURFLOW0001');
    expect(message.media).toEqual({
      kind: 'flow_reply',
      name: 'flow',
      response: {
        flow_token: 'cita-7f3a',
        servicio: 'Limpieza dental',
        fecha: '2026-08-03',
        horario: '10:00',
        notas: 'Tengo sensibilidad',
      },
    });
  });

  it('keeps the order lines for whoever fulfils it', async () => {
    await postSigned('whatsapp', tenant.slug, fixtureText('whatsapp', 'order'));
    const message = await messageByPlatformId(test, tenant.tenantId, 'wamid.ORDER0001');
    expect(message.media).toEqual({
      kind: 'order',
      catalog_id: '194836987003835',
      product_items: [
        { product_retailer_id: 'kit-blanqueamiento', quantity: 2, item_price: 450, currency: 'MXN' },
        { product_retailer_id: 'cepillo-electrico', quantity: 1, item_price: 899.5, currency: 'MXN' },
      ],
    });
  });

  it('keeps the ad a Click-to-WhatsApp customer came from, click id included', async () => {
    await postSigned('whatsapp', tenant.slug, fixtureText('whatsapp', 'referral-text'));
    const message = await messageByPlatformId(test, tenant.tenantId, 'wamid.REFERRAL0001');
    expect(message.media).toMatchObject({
      kind: 'referral',
      referral: {
        source_type: 'ad',
        source_id: '120226305854810726',
        headline: 'Limpieza dental 2x1',
        ctwa_clid: expect.stringMatching(/^Aff-/),
      },
    });
  });

  it('an address_message reply reads as an address, a Flow reply without fields as just its label', async () => {
    const flow = fixtureText('whatsapp', 'interactive-flow-reply');
    const address = flow
      .replace('wamid.FLOWREPLY0001', 'wamid.ADDRESS0001')
      .replace('"name": "flow"', '"name": "address_message"')
      .replace(
        /"response_json": ".*"/,
        '"response_json": "{\\"city\\":\\"CDMX\\",\\"address\\":\\"Av. Insurgentes Sur 1234\\",\\"in_pin_code\\":\\"03900\\"}"',
      );
    const empty = flow
      .replace('wamid.FLOWREPLY0001', 'wamid.FLOWEMPTY0001')
      .replace(/"response_json": ".*"/, '"response_json": "not json"');
    expect((await postSigned('whatsapp', tenant.slug, address)).status).toBe(200);
    expect((await postSigned('whatsapp', tenant.slug, empty)).status).toBe(200);
    expect(await messageByPlatformId(test, tenant.tenantId, 'wamid.ADDRESS0001')).toMatchObject({
      message_type: 'address_reply',
      text: '[Dirección enviada] city: CDMX; address: Av. Insurgentes Sur 1234; in_pin_code: 03900',
    });
    expect(await messageByPlatformId(test, tenant.tenantId, 'wamid.FLOWEMPTY0001')).toMatchObject({
      message_type: 'flow_reply',
      text: '[Formulario enviado]',
    });
  });
});

describe('WhatsApp revoke (Coexistence numbers only)', () => {
  it('marks the deleted message deleted and drops its text, storing nothing new', async () => {
    await postSigned('whatsapp', tenant.slug, fixtureText('whatsapp', 'text'));
    const revoked = await postSigned('whatsapp', tenant.slug, fixtureText('whatsapp', 'revoke'));
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ stored: 0, statuses_applied: 1, ai_jobs: 0 });
    expect(await messageByPlatformId(test, tenant.tenantId, textId)).toMatchObject({
      delivery_status: 'deleted',
      text: null,
      media: null,
    });
    expect(await messageByPlatformId(test, tenant.tenantId, 'wamid.REVOKE0001')).toBeUndefined();
    expect(await countRows(test, tenant.tenantId)).toMatchObject({ messages: 1, pending_statuses: 0 });
  });

  it('a revoke that arrives before its message deletes it when it lands', async () => {
    const revoked = await postSigned('whatsapp', tenant.slug, fixtureText('whatsapp', 'revoke'));
    expect(revoked.body).toMatchObject({ stored: 0, statuses_pending: 1 });
    await postSigned('whatsapp', tenant.slug, fixtureText('whatsapp', 'text'));
    expect(await messageByPlatformId(test, tenant.tenantId, textId)).toMatchObject({
      delivery_status: 'deleted',
      text: null,
    });
  });

  it('a revoke naming no message is kept as a notice, not answered', async () => {
    const body = fixtureText('whatsapp', 'revoke').replace(/"revoke": \{[^}]*\}/, '"revoke": {}');
    const posted = await postSigned('whatsapp', tenant.slug, body);
    expect(posted.body).toMatchObject({ stored: 1, ai_jobs: 0 });
    expect(await messageByPlatformId(test, tenant.tenantId, 'wamid.REVOKE0001')).toMatchObject({
      message_type: 'revoke',
      text: '[Mensaje eliminado]',
    });
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Channel } from '@/src/channels/channel-registry';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { fixtureText } from './support/fixtures';
import { freshWebhookTenant } from './support/fresh-tenant';
import { postSigned } from './support/post-webhook';
import { messageByPlatformId } from './support/stored-rows';

// Messenger and Instagram attachment types as Meta's messages webhook reference lists them
// (image, audio, video, file, sticker, reel, ig_reel, post, ig_post, appointment_booking,
// template, fallback; Instagram share and story_mention), each stored with a readable line.

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

type Kind = [channel: Channel, fixture: string, id: string, type: string, text: string, answerable: boolean];

const kinds: Kind[] = [
  ['facebook', 'attachment-audio', 'm_FBAUDIO0001', 'audio', '[Audio]', true],
  ['facebook', 'attachment-video', 'm_FBVIDEO0001', 'video', '[Video]', true],
  ['facebook', 'attachment-file', 'm_FBFILE0001', 'document', '[Archivo]', true],
  ['facebook', 'attachment-reel', 'm_FBREEL0001', 'reel', '[Reel] Así quedó mi sonrisa', true],
  [
    'facebook',
    'attachment-post',
    'm_FBPOST0001',
    'share',
    '[Publicación compartida] Promoción de septiembre',
    true,
  ],
  [
    'facebook',
    'attachment-fallback',
    'm_FBFALLBACK0001',
    'link',
    '[Enlace] Carillas de porcelana | Sonrisas ¿Esto lo hacen ustedes? https://www.sonrisas.mx/carillas',
    true,
  ],
  ['facebook', 'attachment-fallback-empty', 'm_FBFALLBACK0002', 'link', '[Enlace]', true],
  [
    'facebook',
    'attachment-template',
    'm_FBPRODUCT0001',
    'product',
    '[Producto] Kit de blanqueamiento MXN 450.00',
    true,
  ],
  [
    'facebook',
    'attachment-appointment',
    'm_FBBOOKING0001',
    'appointment',
    '[Reserva de cita] solicitada 2026-07-31T09:00:00.000Z',
    true,
  ],
  [
    'facebook',
    'attachment-several',
    'm_FBSEVERAL0001',
    'image',
    '[Imagen] [Video] [Archivo] Les mando todo junto',
    true,
  ],
  ['instagram', 'attachment-audio', 'aWdfAUDIO0001', 'audio', '[Audio]', true],
  ['instagram', 'attachment-video', 'aWdfVIDEO0001', 'video', '[Video]', true],
  ['instagram', 'attachment-file', 'aWdfFILE0001', 'document', '[Archivo]', true],
  ['instagram', 'ig-reel', 'aWdfREEL0001', 'reel', '[Reel] Antes y después: ortodoncia invisible', true],
  ['instagram', 'share', 'aWdfSHARE0001', 'share', '[Publicación compartida]', true],
  [
    'instagram',
    'story-mention',
    'aWdfSTORYMENTION0001',
    'story_mention',
    '[Te mencionó en su historia]',
    true,
  ],
  [
    'instagram',
    'story-reply',
    'aWdfSTORYREPLY0001',
    'story_reply',
    '[Respuesta a tu historia] ¡Qué bonita clínica!',
    true,
  ],
  ['instagram', 'attachment-several', 'aWdfSEVERAL0001', 'image', '[Imagen] [Publicación compartida]', true],
];

describe('Messenger and Instagram attachments', () => {
  it.each(kinds)(
    '%s %s is one %s message with a readable text',
    async (channel, fixture, id, type, text, answerable) => {
      const posted = await postSigned(channel, tenant.slug, fixtureText(channel, fixture));
      expect(posted.status).toBe(200);
      expect(posted.body).toMatchObject({ outcome: 'accepted', stored: 1, leads_created: 1 });
      expect(await messageByPlatformId(test, tenant.tenantId, id)).toMatchObject({
        direction: 'inbound',
        sender: 'lead',
        message_type: type,
        text,
      });
      expect(await aiJobs()).toHaveLength(answerable ? 1 : 0);
    },
  );

  it('keeps every attachment of a message with several, in order', async () => {
    await postSigned('facebook', tenant.slug, fixtureText('facebook', 'attachment-several'));
    const message = await messageByPlatformId(test, tenant.tenantId, 'm_FBSEVERAL0001');
    expect(
      message.media.attachments.map((attachment: { type: string; url: string }) => attachment.type),
    ).toEqual(['image', 'video', 'file']);
    expect(message.media.attachments[2].url).toBe('https://cdn.fbsbx.com/v/t59.2708-21/estudio.pdf');
  });

  it('keeps the shared product and the booking for later', async () => {
    await postSigned('facebook', tenant.slug, fixtureText('facebook', 'attachment-template'));
    await postSigned('facebook', tenant.slug, fixtureText('facebook', 'attachment-appointment'));
    const product = await messageByPlatformId(test, tenant.tenantId, 'm_FBPRODUCT0001');
    expect(product.media.attachments[0].products).toEqual([
      expect.objectContaining({ id: '5721920424516374', retailer_id: 'kit-blanqueamiento' }),
    ]);
    const booking = await messageByPlatformId(test, tenant.tenantId, 'm_FBBOOKING0001');
    expect(booking.media.attachments[0].booking).toMatchObject({
      booking_id: '8123456789012345',
      status: 'requested',
      timezone: 'America/Mexico_City',
    });
  });

  it('keeps the Instagram story a reply points at, with a photo reply labelled too', async () => {
    const body = fixtureText('instagram', 'story-reply')
      .replace('aWdfSTORYREPLY0001', 'aWdfSTORYREPLY0002')
      .replace(
        '"text": "¡Qué bonita clínica!",',
        '"attachments": [{"type": "image", "payload": {"url": "https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=1"}}],',
      );
    expect((await postSigned('instagram', tenant.slug, body)).status).toBe(200);
    const message = await messageByPlatformId(test, tenant.tenantId, 'aWdfSTORYREPLY0002');
    expect(message).toMatchObject({
      message_type: 'story_reply',
      text: '[Respuesta a tu historia] [Imagen]',
    });
    expect(message.media.story).toEqual({
      id: '17952133411623423',
      url: 'https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=17952133411623423',
    });
  });

  it('a first message after a Click-to-Messenger ad names the ad and keeps the referral', async () => {
    const posted = await postSigned('facebook', tenant.slug, fixtureText('facebook', 'ad-referral-message'));
    expect(posted.body).toMatchObject({ stored: 1, ai_jobs: 1 });
    const message = await messageByPlatformId(test, tenant.tenantId, 'm_FBADREFERRAL0001');
    expect(message).toMatchObject({
      message_type: 'text',
      text: 'Hola, ¿sigue la promoción de ortodoncia?\n[Llegó desde un anuncio] Ortodoncia sin brackets',
    });
    expect(message.media.referral).toMatchObject({
      ad_id: '120226305854810999',
      source: 'ADS',
      ref: 'ortodoncia-sep',
    });
  });

  it('an attachment type nobody knows, without words, is stored but not answered', async () => {
    const body = fixtureText('facebook', 'attachment-audio')
      .replace('m_FBAUDIO0001', 'm_FBHOLOGRAM0001')
      .replace('"type": "audio"', '"type": "hologram"');
    const posted = await postSigned('facebook', tenant.slug, body);
    expect(posted.body).toMatchObject({ stored: 1, ai_jobs: 0 });
    expect(await messageByPlatformId(test, tenant.tenantId, 'm_FBHOLOGRAM0001')).toMatchObject({
      message_type: 'unsupported',
      text: '[Mensaje no compatible]',
    });
  });
});

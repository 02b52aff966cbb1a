import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Channel } from '@/src/channels/channel-registry';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { fixtureJson, fixtureText } from './support/fixtures';
import { freshWebhookTenant } from './support/fresh-tenant';
import { postTwice as postTwiceTo } from './support/post-twice';
import { postSigned } from './support/post-webhook';
import { messageByPlatformId } from './support/stored-rows';
import { fixtureAccounts } from './support/webhook-tenant';

// Issue 14 §5 on Messenger, Instagram and TikTok: badly typed optional fields, templates,
// locations, referrals, edits, policy enforcement, echoes naming the customer as sender, and
// TikTok types nobody knows. Each fixture follows the platform's documented payload; each
// replay stores nothing twice.

let test: TestDatabase;
let tenant: { slug: string; tenantId: string };

beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(() => test.drop());
beforeEach(async () => {
  tenant = await freshWebhookTenant(test);
});

function postTwice(channel: Channel, body: string) {
  return postTwiceTo(test, tenant, channel, body);
}

async function aiJobCount(): Promise<number> {
  const { rows } = await test.pool.query(
    "select count(*)::int as n from jobs where tenant_id = $1 and job_type = 'ai_response'",
    [tenant.tenantId],
  );
  return rows[0].n;
}

describe('Messenger and Instagram messages described from their payload', () => {
  const kinds: Array<[fixture: string, id: string, type: string, text: string]> = [
    ['postback-null-title', 'm_FBPOSTBACKNULL01', 'postback', 'VER_PRECIOS'],
    [
      'postback-get-started-referral',
      'm_FBGETSTARTED01',
      'postback',
      'Empezar\n[Llegó desde un anuncio] Limpieza dental 2x1',
    ],
    [
      'template-button',
      'm_FBBUTTONS0001',
      'buttons',
      '[Mensaje con botones] ¿Confirmas tu cita del martes a las 10:00? (Confirmar / Cambiar horario)',
    ],
    [
      'template-generic',
      'm_FBCARD0001',
      'card',
      '[Tarjeta] Promoción de julio: 2x1 en limpieza Clínica Dental Esva — https://www.facebook.com/esvadental/posts/88888',
    ],
    ['location', 'm_FBLOCATION0001', 'location', '[Ubicación] Mi ubicación (19.3866, -99.1743)'],
  ];

  it.each(kinds)('%s is one %s message (%s) with a readable text', async (fixture, id, type, text) => {
    const { first } = await postTwice('facebook', fixtureText('facebook', fixture));
    expect(first.body).toMatchObject({ stored: 1, ignored: 0 });
    expect(await messageByPlatformId(test, tenant.tenantId, id)).toMatchObject({ message_type: type, text });
  });

  it('keeps the referral, the buttons, the cards and the coordinates next to the text', async () => {
    for (const fixture of [
      'postback-get-started-referral',
      'template-button',
      'template-generic',
      'location',
    ]) {
      await postSigned('facebook', tenant.slug, fixtureText('facebook', fixture));
    }
    const postback = await messageByPlatformId(test, tenant.tenantId, 'm_FBGETSTARTED01');
    expect(postback.media.referral).toMatchObject({ source: 'ADS', ad_id: '120226305854810999' });
    const buttons = await messageByPlatformId(test, tenant.tenantId, 'm_FBBUTTONS0001');
    expect(buttons.media.attachments[0]).toMatchObject({
      template_type: 'button',
      buttons: [
        expect.objectContaining({ title: 'Confirmar' }),
        expect.objectContaining({ url: 'https://esva.mx/citas' }),
      ],
    });
    const card = await messageByPlatformId(test, tenant.tenantId, 'm_FBCARD0001');
    expect(card.media.attachments[0].elements).toEqual([
      expect.objectContaining({ title: 'Promoción de julio: 2x1 en limpieza' }),
    ]);
    const location = await messageByPlatformId(test, tenant.tenantId, 'm_FBLOCATION0001');
    expect(location.media.attachments[0].coordinates).toEqual({ lat: 19.3866, long: -99.1743 });
  });

  it('a standalone referral (m.me link in an existing thread) is shown, not answered', async () => {
    const { first } = await postTwice('facebook', fixtureText('facebook', 'referral'));
    expect(first.body).toMatchObject({ stored: 1, ai_jobs: 0 });
    const { rows } = await test.pool.query(
      "select text, media from messages where tenant_id = $1 and message_type = 'referral'",
      [tenant.tenantId],
    );
    expect(rows).toEqual([
      {
        text: '[Llegó desde un enlace] promo_julio',
        media: { referral: expect.objectContaining({ ref: 'promo_julio' }) },
      },
    ]);
  });

  it('one badly typed optional field costs only that field: null, numbers and odd shapes', async () => {
    const body = fixtureJson<{ entry: Array<{ messaging: Array<Record<string, unknown>> }> }>(
      'facebook',
      'text',
    );
    const item = body.entry[0]!.messaging[0]!;
    item.message = {
      ...(item.message as object),
      mid: 'm_FBODDFIELDS01',
      quick_reply: { payload: 42 },
      reply_to: null,
      referral: 'not-an-object',
      attachments: [
        {
          type: 'image',
          title: null,
          payload: { url: 'https://scontent.xx.fbcdn.net/v/a.jpg', sticker_id: null },
        },
      ],
    };
    const posted = await postSigned('facebook', tenant.slug, JSON.stringify(body));
    expect(posted.body).toMatchObject({ stored: 1, ignored: 0 });
    const message = await messageByPlatformId(test, tenant.tenantId, 'm_FBODDFIELDS01');
    expect(message).toMatchObject({
      message_type: 'image',
      text: '[Imagen] Hola, ¿tienen citas el sábado? 😊',
    });
  });
});

describe.each([
  ['facebook', 'm_FBTEXT0001', 'Hola, ¿tienen cita para el martes por la tarde?'],
  [
    'instagram',
    'aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQxNDA1ODIyMzA0OTE0',
    'Hola! ¿Cuánto cuesta el blanqueamiento con kit?',
  ],
] as const)('%s message_edit', (channel, mid, edited) => {
  it('updates the original message and keeps its earlier text; a replay is one history entry', async () => {
    await postSigned(channel, tenant.slug, fixtureText(channel, 'text'));
    const original = await messageByPlatformId(test, tenant.tenantId, mid);
    const { first, replay } = await postTwice(channel, fixtureText(channel, 'message-edit'));
    expect(first.body).toMatchObject({ stored: 0, statuses_applied: 1, ai_jobs: 0 });
    expect(replay.body).toMatchObject({ statuses_applied: 0 });
    expect((await messageByPlatformId(test, tenant.tenantId, mid)).text).toBe(edited);
    const { rows } = await test.pool.query(
      'select edit_id, previous_text, text from message_edits where message_id = $1',
      [original.id],
    );
    expect(rows).toEqual([{ edit_id: 'num_edit:1', previous_text: original.text, text: edited }]);
  });
});

describe('Messenger policy enforcement', () => {
  async function policy() {
    const { rows } = await test.pool.query(
      "select policy_blocked_at is not null as blocked, policy_reason from channel_connections where tenant_id = $1 and channel = 'facebook'",
      [tenant.tenantId],
    );
    return rows[0];
  }

  it('a block marks the connection with Meta’s reason; unblock clears it; replays change nothing', async () => {
    const { first, replay } = await postTwice('facebook', fixtureText('facebook', 'policy-block'));
    expect(first.body).toMatchObject({ statuses_applied: 1 });
    expect(replay.body).toMatchObject({ statuses_applied: 0 });
    expect(await policy()).toEqual({
      blocked: true,
      policy_reason: expect.stringContaining('Platform Policies'),
    });
    await postTwice('facebook', fixtureText('facebook', 'policy-unblock'));
    expect(await policy()).toEqual({ blocked: false, policy_reason: null });
  });

  it('an unblock older than the block does not lift it', async () => {
    await postSigned('facebook', tenant.slug, fixtureText('facebook', 'policy-block'));
    const early = fixtureText('facebook', 'policy-unblock').replace('1785312204523', '1785312004523');
    await postSigned('facebook', tenant.slug, early);
    expect(await policy()).toMatchObject({ blocked: true });
  });
});

describe('echoes whose sender is the customer', () => {
  it('Messenger: the customer is whichever side is not the Page', async () => {
    const reversed = fixtureText('facebook', 'echo-staff')
      .replace(
        `"sender": {\n            "id": "${fixtureAccounts.facebook.pageId}"`,
        '"sender": {\n            "id": "PSIDTMP"',
      )
      .replace(
        `"recipient": {\n            "id": "6784512093847561"`,
        `"recipient": {\n            "id": "${fixtureAccounts.facebook.pageId}"`,
      )
      .replace('PSIDTMP', '6784512093847561');
    expect(reversed).not.toBe(fixtureText('facebook', 'echo-staff'));
    const { first } = await postTwice('facebook', reversed);
    expect(first.body).toMatchObject({ stored: 1, leads_created: 1 });
    const { rows } = await test.pool.query('select external_id from lead_identities where tenant_id = $1', [
      tenant.tenantId,
    ]);
    expect(rows).toEqual([{ external_id: '6784512093847561' }]);
  });
});

describe('TikTok', () => {
  it('a share_post whose video_id is a number is stored with the id as text', async () => {
    const { first } = await postTwice('tiktok', fixtureText('tiktok', 'receive-share-post-numeric-id'));
    expect(first.body).toMatchObject({ stored: 1, ignored: 0 });
    const message = await messageByPlatformId(test, tenant.tenantId, '7401000000000000031');
    expect(message.media).toMatchObject({ kind: 'share_post', video_id: '7400000000456' });
  });

  it('a type nobody knows is stored, not answered', async () => {
    const { first } = await postTwice('tiktok', fixtureText('tiktok', 'receive-unknown-type'));
    expect(first.body).toMatchObject({ stored: 1, ai_jobs: 0 });
    expect(await aiJobCount()).toBe(0);
    const message = await messageByPlatformId(test, tenant.tenantId, '7401000000000000032');
    expect(message).toMatchObject({ message_type: 'live_invitation', text: '[Mensaje] live_invitation' });
  });
});

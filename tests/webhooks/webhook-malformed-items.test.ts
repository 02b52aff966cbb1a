import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Channel } from '@/src/channels/channel-registry';
import { getEnv, setEnvForProcess } from '@/src/env';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { fixtureJson } from './support/fixtures';
import { freshWebhookTenant } from './support/fresh-tenant';
import { type Posted, postSigned } from './support/post-webhook';
import { countRows, webhookEvents } from './support/stored-rows';
import { createWebhookTenant, fixtureAccounts } from './support/webhook-tenant';

// One malformed item of a batch is skipped and counted in `ignored`; the good items of the same
// delivery are stored (Meta redelivers a refused batch whole, so a 400 would lose all of them).
// The reason names paths and zod's messages, never values. A malformed item still has its
// account id checked: another tenant's id anywhere in the body is a 403 with nothing stored.

let test: TestDatabase;
let tenant: { slug: string; tenantId: string };

beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(() => test.drop());
beforeEach(async () => {
  await test.pool.query("delete from tenants where slug like 'other-%'");
  await test.pool.query('delete from webhook_events');
  tenant = await freshWebhookTenant(test);
});

// What a customer might have written or be called: must never reach a response, a log line or
// webhook_events.
const secretWords = 'Mi diagnóstico es privado';
const secretPhone = '5215599998888';

const otherAccounts = {
  whatsapp: { phoneNumberId: '999000111222333' },
  facebook: { pageId: '999000111222444' },
  instagram: { instagramAccountId: '17841499999999999' },
  tiktok: { businessId: '7391999999999999999' },
  twilio: { accountSid: 'AC9990001112220000000000000000ffff', from: 'whatsapp:+5215599900011' },
};

// biome-ignore lint/suspicious/noExplicitAny: payloads are built by known paths.
type Json = Record<string, any>;

/** Posts with warn logging on, returning the answer and what was written to stderr. */
async function postCapturingLog(channel: Channel, body: string): Promise<Posted & { log: string }> {
  const lines: string[] = [];
  const write = process.stderr.write.bind(process.stderr);
  const level = getEnv().LOG_LEVEL;
  process.stderr.write = ((chunk: string) => lines.push(String(chunk)) > 0) as typeof process.stderr.write;
  setEnvForProcess({ LOG_LEVEL: 'warn' });
  try {
    return { ...(await postSigned(channel, tenant.slug, body)), log: lines.join('') };
  } finally {
    process.stderr.write = write;
    setEnvForProcess({ LOG_LEVEL: level });
  }
}

async function messageIds(): Promise<string[]> {
  const { rows } = await test.pool.query(
    'select platform_message_id from messages where tenant_id = $1 order by platform_message_id',
    [tenant.tenantId],
  );
  return rows.map((row) => row.platform_message_id);
}

async function expectNothingStored(tenantId: string) {
  const counts = await countRows(test, tenantId);
  expect(counts).toMatchObject({ leads: 0, conversations: 0, messages: 0, jobs: 0, pending_statuses: 0 });
}

function expectNoValues(...texts: string[]) {
  for (const text of texts) {
    expect(text).not.toContain(secretWords);
    expect(text).not.toContain(secretPhone);
  }
}

function whatsappMessage(id: string, text: string): Json {
  return { from: '5215587654321', id, timestamp: '1785312101', type: 'text', text: { body: text } };
}

function whatsappDelivery(values: Json[]): Json {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: fixtureAccounts.whatsapp.businessAccountId,
        changes: values.map((value) => ({ field: 'messages', value })),
      },
    ],
  };
}

function whatsappValue(extra: Json, phoneNumberId: unknown = fixtureAccounts.whatsapp.phoneNumberId): Json {
  return {
    messaging_product: 'whatsapp',
    metadata: { display_phone_number: '15550783881', phone_number_id: phoneNumberId },
    contacts: [{ profile: { name: 'Ana López' }, wa_id: '5215587654321' }],
    ...extra,
  };
}

describe('WhatsApp', () => {
  it('stores the 3 good messages of a batch and skips the malformed one (200, ignored 1)', async () => {
    const body = whatsappDelivery([
      whatsappValue({
        messages: [
          whatsappMessage('wamid.GOOD1', 'Hola'),
          whatsappMessage('wamid.GOOD2', '¿Tienen cita mañana?'),
          // text.body must be a string; the customer's words and phone ride along elsewhere.
          {
            ...whatsappMessage('wamid.BAD3', 'x'),
            from: { phone: secretPhone },
            text: { body: [secretWords] },
          },
          whatsappMessage('wamid.GOOD4', 'Gracias'),
        ],
      }),
    ]);
    const posted = await postCapturingLog('whatsapp', JSON.stringify(body));
    expect(posted.status).toBe(200);
    expect(posted.body).toMatchObject({ ok: true, outcome: 'accepted', events: 3, stored: 3, ignored: 1 });
    expect(await messageIds()).toEqual(['wamid.GOOD1', 'wamid.GOOD2', 'wamid.GOOD4']);

    const [event] = await webhookEvents(test, 'whatsapp');
    expect(event).toMatchObject({ outcome: 'accepted', http_status: 200 });
    expect(event.detail).toContain('malformed:entry.0.changes.0.value.messages.2: from: ');
    expect(event.detail).toContain('text.body: ');
    expect(posted.log).toContain('"event":"webhook.items_skipped"');
    expect(posted.log).toContain('malformed:entry.0.changes.0.value.messages.2');
    expectNoValues(JSON.stringify(posted.body), posted.log, event.detail);
  });

  it('skips a malformed status and a malformed contact, keeps the rest of the change', async () => {
    const body = whatsappDelivery([
      whatsappValue({
        contacts: [
          { profile: { name: 'Ana López' }, wa_id: '5215587654321' },
          // An id of no id shape (ids may be strings or numbers); a bad name alone would only lose the name.
          { profile: { name: 'Ana' }, wa_id: { phone: secretPhone } },
        ],
        messages: [whatsappMessage('wamid.WITHBADCONTACT', 'Hola')],
        statuses: [
          { id: 'wamid.OURS1', status: 'delivered', timestamp: '1785312105', recipient_id: '5215587654321' },
          { status: 'read', timestamp: '1785312106' },
        ],
      }),
    ]);
    const posted = await postCapturingLog('whatsapp', JSON.stringify(body));
    expect(posted.status).toBe(200);
    expect(posted.body).toMatchObject({ stored: 1, statuses_pending: 1, ignored: 2 });
    const [event] = await webhookEvents(test, 'whatsapp');
    expect(event.detail).toContain('malformed:entry.0.changes.0.value.contacts.1: wa_id: ');
    expect(event.detail).toContain('malformed:entry.0.changes.0.value.statuses.1: id: ');
    expectNoValues(JSON.stringify(posted.body), posted.log, event.detail);
  });

  it('never gives a message the profile of a malformed contact’s neighbour', async () => {
    // Two contacts, one malformed: the remaining one is not "the only contact" of the change.
    const body = whatsappDelivery([
      whatsappValue({
        contacts: [
          { profile: { name: 'Marta' }, user_id: 'US.1', wa_id: [7] },
          { profile: { name: 'Ana López' }, wa_id: '5215587654321' },
        ],
        messages: [{ from_user_id: 'US.1', id: 'wamid.BSUIDONLY', type: 'text', text: { body: 'Hola' } }],
      }),
    ]);
    const posted = await postSigned('whatsapp', tenant.slug, JSON.stringify(body));
    expect(posted.body).toMatchObject({ stored: 1, ignored: 1 });
    const { rows } = await test.pool.query(
      'select i.external_id, l.name from lead_identities i join leads l on l.id = i.lead_id where i.tenant_id = $1',
      [tenant.tenantId],
    );
    expect(rows).toEqual([{ external_id: 'US.1', name: null }]);
  });

  it('skips a change whose value cannot be read, and one without metadata, keeps the other changes', async () => {
    const body = whatsappDelivery([
      whatsappValue({ messages: { 0: whatsappMessage('wamid.NOTALIST', secretWords) } }),
      { messaging_product: 'whatsapp', messages: [whatsappMessage('wamid.NOMETADATA', secretWords)] },
      whatsappValue({ messages: [whatsappMessage('wamid.GOODCHANGE', 'Hola')] }),
    ]);
    const posted = await postSigned('whatsapp', tenant.slug, JSON.stringify(body));
    expect(posted.status).toBe(200);
    expect(posted.body).toMatchObject({ stored: 1, ignored: 2 });
    expect(await messageIds()).toEqual(['wamid.GOODCHANGE']);
  });

  it('a malformed message whose change names another tenant’s phone_number_id never reaches it; ours is kept', async () => {
    const other = await createWebhookTenant(test, 'other-b', otherAccounts, { withSecrets: false });
    const foreign = otherAccounts.whatsapp.phoneNumberId;
    const variants: Array<[string, Json]> = [
      [
        'good change + a change with only a malformed message',
        whatsappDelivery([
          whatsappValue({ messages: [whatsappMessage('wamid.MINE', 'Hola')] }),
          whatsappValue({ messages: [{ id: 42, type: 'text' }] }, foreign),
        ]),
      ],
      [
        'a change whose value is malformed',
        whatsappDelivery([
          whatsappValue({ messages: [whatsappMessage('wamid.MINE', 'Hola')] }),
          whatsappValue({ messages: 'not a list' }, foreign),
        ]),
      ],
      [
        'the foreign id as a number',
        whatsappDelivery([
          whatsappValue({ messages: [whatsappMessage('wamid.MINE', 'Hola')] }),
          whatsappValue({ messages: [whatsappMessage('wamid.THEIRS', 'Hola')] }, Number(foreign)),
        ]),
      ],
      [
        'a change whose field is malformed',
        {
          object: 'whatsapp_business_account',
          entry: [
            {
              id: fixtureAccounts.whatsapp.businessAccountId,
              changes: [
                {
                  field: 'messages',
                  value: whatsappValue({ messages: [whatsappMessage('wamid.MINE', 'Hola')] }),
                },
                { field: 7, value: whatsappValue({ messages: [] }, foreign) },
              ],
            },
          ],
        },
      ],
    ];
    for (const [what, body] of variants) {
      const posted = await postSigned('whatsapp', tenant.slug, JSON.stringify(body));
      expect(posted, what).toMatchObject({ status: 200, body: { ok: true } });
    }
    expect(await messageIds()).toEqual(['wamid.MINE']);
    await expectNothingStored(other.tenantId);
  });

  it('is still a 400 when the body is not a WhatsApp webhook at all', async () => {
    for (const body of [
      '{"object":"whatsapp_business_account","entry":[',
      '{"object":"page","entry":[]}',
      '{"object":"whatsapp_business_account","entry":{"id":"1"}}',
      '[]',
    ]) {
      expect((await postSigned('whatsapp', tenant.slug, body)).status, body).toBe(400);
    }
    await expectNothingStored(tenant.tenantId);
  });
});

function messagingItem(pageId: string, mid: unknown, text: unknown, sender = '6784512093847561'): Json {
  return {
    sender: { id: sender },
    recipient: { id: pageId },
    timestamp: 1785312004523,
    message: { mid, text },
  };
}

describe.each([
  ['facebook', 'page', fixtureAccounts.facebook.pageId, otherAccounts.facebook.pageId],
  [
    'instagram',
    'instagram',
    fixtureAccounts.instagram.instagramAccountId,
    otherAccounts.instagram.instagramAccountId,
  ],
] as const)('%s', (channel, object, accountId, foreignId) => {
  it('stores the 3 good items of a batch and skips the malformed one (200, ignored 1)', async () => {
    const body = {
      object,
      entry: [
        {
          id: accountId,
          time: 1785312004871,
          messaging: [
            messagingItem(accountId, 'm_GOOD1', 'Hola'),
            messagingItem(accountId, 'm_GOOD2', '¿Precio?'),
            messagingItem(accountId, { secret: secretPhone }, secretWords),
            messagingItem(accountId, 'm_GOOD4', 'Gracias'),
          ],
        },
      ],
    };
    const posted = await postCapturingLog(channel, JSON.stringify(body));
    expect(posted.status).toBe(200);
    expect(posted.body).toMatchObject({ ok: true, events: 3, stored: 3, ignored: 1 });
    expect(await messageIds()).toEqual(['m_GOOD1', 'm_GOOD2', 'm_GOOD4']);
    const [event] = await webhookEvents(test, channel);
    expect(event.detail).toContain('malformed:entry.0.messaging.2: message.mid: ');
    expect(posted.log).toContain('"event":"webhook.items_skipped"');
    expectNoValues(JSON.stringify(posted.body), posted.log, event.detail);
  });

  it('skips an item without a sender id and a malformed standby item, keeps the others', async () => {
    const noSender = messagingItem(accountId, 'm_NOSENDER', 'Hola');
    delete noSender.sender;
    const body = {
      object,
      entry: [
        {
          id: accountId,
          messaging: [noSender, messagingItem(accountId, 'm_GOOD', 'Hola')],
          standby: [{ ...messagingItem(accountId, 'm_STANDBY', 'x'), timestamp: { at: secretWords } }],
        },
      ],
    };
    const posted = await postSigned(channel, tenant.slug, JSON.stringify(body));
    expect(posted.body).toMatchObject({ stored: 1, ignored: 2 });
    const [event] = await webhookEvents(test, channel);
    expect(event.detail).toContain('malformed:entry.0.messaging.0.sender.id: required');
    expect(event.detail).toContain('malformed:entry.0.standby.0: timestamp: ');
    expectNoValues(event.detail);
  });

  it('a malformed entry or item naming another tenant’s account never reaches it; ours is kept', async () => {
    const other = await createWebhookTenant(test, 'other-b', otherAccounts, { withSecrets: false });
    const mine = { id: accountId, messaging: [messagingItem(accountId, 'm_MINE', 'Hola')] };
    const variants: Array<[string, Json]> = [
      [
        'a foreign entry whose only item is malformed',
        { id: foreignId, messaging: [messagingItem(foreignId, 7, 'x')] },
      ],
      ['a foreign entry whose messaging is not a list', { id: foreignId, messaging: { 0: 'x' } }],
      ['a foreign entry id as a number', { id: Number(foreignId), messaging: [] }],
    ];
    for (const [what, foreign] of variants) {
      const posted = await postSigned(
        channel,
        tenant.slug,
        JSON.stringify({ object, entry: [mine, foreign] }),
      );
      expect(posted, what).toMatchObject({ status: 200, body: { ok: true } });
    }
    expect(await messageIds()).toEqual(['m_MINE']);
    await expectNothingStored(other.tenantId);
  });

  it('is still a 400 when the body is not this platform’s webhook at all', async () => {
    const wrongObject = object === 'page' ? 'instagram' : 'page';
    for (const body of [
      `{"object":"${wrongObject}","entry":[]}`,
      `{"object":"${object}","entry":{}}`,
      'nope',
    ]) {
      expect((await postSigned(channel, tenant.slug, body)).status, body).toBe(400);
    }
  });
});

describe('TikTok (one event per POST)', () => {
  function tiktokEvent(
    messageId: string,
    text: string,
    business: string = fixtureAccounts.tiktok.businessId,
  ): Json {
    const envelope = fixtureJson<Json>('tiktok', 'receive-text');
    const content = JSON.parse(envelope.content);
    content.message_id = messageId;
    content.text.body = text;
    return { ...envelope, user_openid: business, content: JSON.stringify(content) };
  }

  it('3 good events stored, the malformed one answered 200 with ignored 1 (a retry cannot mend it)', async () => {
    const bad = tiktokEvent('7401000000000000099', 'x');
    const content = JSON.parse(bad.content);
    content.text.body = { words: secretWords };
    content.from = secretPhone;
    bad.content = JSON.stringify(content);
    const bodies = [
      tiktokEvent('7401000000000000011', 'Hola'),
      tiktokEvent('7401000000000000012', '¿Precio?'),
      bad,
      tiktokEvent('7401000000000000014', 'Gracias'),
    ];
    const answers: Array<Posted & { log: string }> = [];
    for (const body of bodies) answers.push(await postCapturingLog('tiktok', JSON.stringify(body)));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
    expect(answers.map((answer) => [answer.body.stored, answer.body.ignored])).toEqual([
      [1, 0],
      [1, 0],
      [0, 1],
      [1, 0],
    ]);
    expect(await messageIds()).toEqual(['7401000000000000011', '7401000000000000012', '7401000000000000014']);
    const events = await webhookEvents(test, 'tiktok');
    expect(events[2].detail).toContain('malformed:content: text.body: ');
    expect(answers[2]!.log).toContain('"event":"webhook.items_skipped"');
    expectNoValues(JSON.stringify(answers[2]!.body), answers[2]!.log, events[2].detail);
  });

  it('content that is not JSON, or not a string, is skipped the same way', async () => {
    for (const content of ['{oops', { conversation_id: 'x' }]) {
      const body = { ...tiktokEvent('7401000000000000021', 'Hola'), content };
      const posted = await postSigned('tiktok', tenant.slug, JSON.stringify(body));
      expect(posted).toMatchObject({ status: 200, body: { stored: 0, ignored: 1 } });
    }
    await expectNothingStored(tenant.tenantId);
  });

  it('a malformed event naming another tenant’s business is skipped, stored nowhere', async () => {
    const other = await createWebhookTenant(test, 'other-b', otherAccounts, { withSecrets: false });
    const body = {
      ...tiktokEvent('7401000000000000031', 'Hola', otherAccounts.tiktok.businessId),
      content: '{oops',
    };
    const posted = await postSigned('tiktok', tenant.slug, JSON.stringify(body));
    expect(posted).toMatchObject({ status: 200, body: { ok: true, stored: 0, ignored: 1 } });
    await expectNothingStored(tenant.tenantId);
    await expectNothingStored(other.tenantId);
  });

  it('is still a 400 without an event name or a business id', async () => {
    const { event: _event, ...noEvent } = tiktokEvent('7401000000000000041', 'Hola');
    const { user_openid: _business, ...noBusiness } = tiktokEvent('7401000000000000042', 'Hola');
    for (const body of [noEvent, noBusiness, []]) {
      expect((await postSigned('tiktok', tenant.slug, JSON.stringify(body))).status).toBe(400);
    }
  });
});

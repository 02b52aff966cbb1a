import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Channel } from '@/src/channels/channel-registry';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { fixtureJson, fixtureText } from './support/fixtures';
import { freshWebhookTenant } from './support/fresh-tenant';
import { postSigned } from './support/post-webhook';
import { countRows } from './support/stored-rows';

// Meta batches "with a maximum of 1000 updates" (Graph API webhooks, PLATFORMS.md §1.4): one
// delivery at that size is stored whole, with one pending AI job per conversation naming its
// newest message. And a new person's first messages arriving at once, on every channel, make one
// lead and one conversation (WhatsApp's twin lives in webhook-idempotency.test.ts).

let test: TestDatabase;
let tenant: { slug: string; tenantId: string };

beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(() => test.drop());
beforeEach(async () => {
  tenant = await freshWebhookTenant(test);
});

async function jobsOfType(type: string) {
  const { rows } = await test.pool.query(
    "select * from jobs where tenant_id = $1 and job_type = $2 and status = 'pending'",
    [tenant.tenantId, type],
  );
  return rows;
}

/** Every conversation's newest inbound message id, by conversation id. */
async function newestMessages(): Promise<Map<string, string>> {
  const { rows } = await test.pool.query(
    `select distinct on (conversation_id) conversation_id, id from messages
     where tenant_id = $1 and direction = 'inbound' order by conversation_id, created_at desc, id desc`,
    [tenant.tenantId],
  );
  return new Map(rows.map((row) => [row.conversation_id as string, row.id as string]));
}

async function expectOneJobPerConversationNamingTheNewest(conversations: number) {
  const jobs = await jobsOfType('ai_response');
  expect(jobs).toHaveLength(conversations);
  const newest = await newestMessages();
  expect(newest.size).toBe(conversations);
  for (const job of jobs) expect(job.payload.message_id).toBe(newest.get(job.payload.conversation_id));
}

const people = 250;
const perPerson = 4;

describe('a batch at Meta’s documented maximum (1000 updates)', () => {
  it('WhatsApp: one POST with 1000 messages from 250 people stores all of them, one job per conversation', async () => {
    type Value = { contacts: unknown[]; messages: unknown[] };
    const template = fixtureJson<{
      entry: Array<{ id: string; changes: Array<{ field: string; value: Value }> }>;
    }>('whatsapp', 'text');
    const change = template.entry[0]!.changes[0]!;
    // 10 entries × 100 changes × 1 message; a person's 4 messages land in different entries.
    const entries = Array.from({ length: 10 }, (_, e) => ({
      id: template.entry[0]!.id,
      changes: Array.from({ length: 100 }, (_, c) => {
        const n = e * 100 + c;
        const person = n % people;
        const waId = `52155${String(10_000_000 + person)}`;
        return {
          field: change.field,
          value: {
            ...change.value,
            contacts: [{ profile: { name: `Cliente ${person}` }, wa_id: waId }],
            messages: [
              {
                from: waId,
                id: `wamid.BATCH${String(n).padStart(4, '0')}`,
                timestamp: String(1785312004 + n),
                type: 'text',
                text: { body: `Mensaje ${Math.floor(n / people) + 1} de ${person}` },
              },
            ],
          },
        };
      }),
    }));
    const body = JSON.stringify({ object: 'whatsapp_business_account', entry: entries });
    expect(Buffer.byteLength(body)).toBeLessThan(3 * 1024 * 1024);

    const posted = await postSigned('whatsapp', tenant.slug, body);
    expect(posted.status).toBe(200);
    expect(posted.body).toMatchObject({
      ok: true,
      outcome: 'accepted',
      events: 1000,
      stored: 1000,
      duplicates: 0,
      leads_created: people,
      conversations_created: people,
      ignored: 0,
    });
    expect(await countRows(test, tenant.tenantId)).toMatchObject({
      leads: people,
      identities: people,
      conversations: people,
      messages: 1000,
    });
    await expectOneJobPerConversationNamingTheNewest(people);
    // The newest of each person is their 4th message (the batch's order is commit order).
    const { rows } = await test.pool.query(
      `select m.text from jobs j join messages m on m.id = (j.payload->>'message_id')::uuid
       where j.tenant_id = $1 and j.job_type = 'ai_response'`,
      [tenant.tenantId],
    );
    expect(rows.every((row) => row.text.startsWith(`Mensaje ${perPerson} de `))).toBe(true);

    // Meta redelivers the same batch: nothing new.
    const again = await postSigned('whatsapp', tenant.slug, body);
    expect(again.body).toMatchObject({ outcome: 'duplicate', stored: 0, duplicates: 1000 });
    expect((await countRows(test, tenant.tenantId)).messages).toBe(1000);
  });

  it('Messenger: one POST with 50 entries × 20 messages from 250 people stores all of them', async () => {
    const template = fixtureJson<{ entry: Array<{ id: string; time: number }> }>('facebook', 'text');
    const page = template.entry[0]!.id;
    const entries = Array.from({ length: 50 }, (_, e) => ({
      id: page,
      time: template.entry[0]!.time + e,
      messaging: Array.from({ length: 20 }, (_, i) => {
        const n = e * 20 + i;
        const psid = String(6784512090000000 + (n % people));
        return {
          sender: { id: psid },
          recipient: { id: page },
          timestamp: 1785312004523 + n,
          message: { mid: `m_FBBATCHMAX${String(n).padStart(4, '0')}`, text: `Hola ${n}` },
        };
      }),
    }));
    const posted = await postSigned(
      'facebook',
      tenant.slug,
      JSON.stringify({ object: 'page', entry: entries }),
    );
    expect(posted.status).toBe(200);
    expect(posted.body).toMatchObject({
      outcome: 'accepted',
      events: 1000,
      stored: 1000,
      leads_created: people,
      conversations_created: people,
      ignored: 0,
    });
    expect(await countRows(test, tenant.tenantId)).toMatchObject({
      leads: people,
      conversations: people,
      messages: 1000,
    });
    await expectOneJobPerConversationNamingTheNewest(people);
    // Messenger payloads carry no name: one profile fetch per new lead.
    expect(await jobsOfType('fetch_profile')).toHaveLength(people);
  });
});

/** The channel's text fixture as the i-th different message of the same person. */
function firstMessage(channel: Channel, i: number): string {
  switch (channel) {
    case 'facebook':
      return fixtureText('facebook', 'text')
        .replace('m_FBTEXT0001', `m_FBFIRST${i}`)
        .replace('Hola, ¿tienen citas el sábado? 😊', `mensaje ${i}`);
    case 'instagram':
      return fixtureText('instagram', 'text')
        .replace('aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQxNDA1ODIyMzA0OTE0', `aWdfFIRST${i}`)
        .replace('¿Hacen blanqueamiento? ✨', `mensaje ${i}`);
    case 'tiktok':
      return fixtureText('tiktok', 'receive-text')
        .replace('7401000000000000001', `74010000000001000${String(i).padStart(2, '0')}`)
        .replace('Hola 👋 ¿precio de brackets?', `mensaje ${i}`);
    default:
      throw new Error(`no first message for ${channel}`);
  }
}

describe('concurrent first messages from one new person', () => {
  it.each(['facebook', 'instagram', 'tiktok'] as const)(
    '%s: 20 different first messages at once make one lead, one conversation, 20 messages',
    async (channel) => {
      const bodies = Array.from({ length: 20 }, (_, i) => firstMessage(channel, i));
      expect(new Set(bodies).size).toBe(20);
      const results = await Promise.all(bodies.map((body) => postSigned(channel, tenant.slug, body)));
      expect(results.map((result) => [result.status, result.body.stored])).toEqual(Array(20).fill([200, 1]));
      expect(results.filter((result) => result.body.leads_created === 1)).toHaveLength(1);
      expect(results.filter((result) => result.body.conversations_created === 1)).toHaveLength(1);
      expect(await countRows(test, tenant.tenantId)).toMatchObject({
        leads: 1,
        identities: 1,
        conversations: 1,
        messages: 20,
      });
      await expectOneJobPerConversationNamingTheNewest(1);
      // Messenger and Instagram fetch the new lead's profile once; TikTok carries the name.
      expect(await jobsOfType('fetch_profile')).toHaveLength(channel === 'tiktok' ? 0 : 1);
    },
  );
});

import { createHmac } from 'node:crypto';
import type pg from 'pg';
import type { LoadRequest } from './http-load';

// A broadcast and the status storm it brings back. `seedBroadcast` stores `count` template
// messages as sent (what outbound_record_sent leaves behind), each to a new person, in one
// statement. `stormDeliveries` builds the sent / delivered / read webhooks for them as the
// WhatsApp Cloud API posts them (PLATFORMS.md §1.4, §2.3): `statuses[]` in the `messages` field,
// several statuses per POST, no ordering guarantee (a delivered before its sent; about one read in
// thirty with no delivered at all, "read immediately"), timestamps as strings of Unix seconds.

export async function seedBroadcast(
  admin: pg.Pool,
  options: { tenantSlug: string; broadcast: number; count: number },
): Promise<void> {
  await admin.query(
    `with t as (select id from public.tenants where slug = $1),
     people as (
       insert into public.leads (tenant_id, origin_channel, name, phone, last_message_at)
       select t.id, 'whatsapp', 'Difusión ' || g, '+52' || $4::text, now()
       from t, generate_series(1, $3) g
       returning id, tenant_id, name),
     threads as (
       insert into public.conversations (tenant_id, lead_id, channel, last_message_at)
       select tenant_id, id, 'whatsapp', now() from people
       returning id, tenant_id, lead_id)
     insert into public.messages (tenant_id, conversation_id, lead_id, channel, direction, sender, message_type,
       text, content, platform_message_id, delivery_status, sent_at)
     select th.tenant_id, th.id, th.lead_id, 'whatsapp', 'outbound', 'human', 'template',
       'Hola, tenemos citas disponibles esta semana.',
       '{"kind": "template", "name": "promo_citas", "language": "es_MX"}'::jsonb,
       'wamid.storm.' || $2::text || '.' || split_part(p.name, ' ', 2), 'sent', null
     from threads th join people p on p.id = th.lead_id`,
    [options.tenantSlug, options.broadcast, options.count, String(options.broadcast).padStart(10, '0')],
  );
}

function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type StormStatus = { id: string; status: 'sent' | 'delivered' | 'read'; at: number; recipient: string };

export function stormDeliveries(options: {
  path: string;
  phoneNumberId: string;
  secret: string;
  broadcast: number;
  count: number;
  /** Most statuses one POST carries (each POST carries 1..max, evenly). */
  maxPerPost: number;
  seed?: number;
}): { requests: LoadRequest[]; statuses: number } {
  const random = seededRandom(options.seed ?? 19);
  const start = Math.floor(Date.now() / 1000);
  const events: StormStatus[] = [];
  for (let i = 1; i <= options.count; i += 1) {
    const id = `wamid.storm.${options.broadcast}.${i}`;
    const recipient = `52${String(options.broadcast).padStart(10, '0')}`;
    const sent = start + i / 100;
    const delivered = sent + 1 + random() * 30;
    const read = delivered + 5 + random() * 300;
    // Out of order on purpose: some delivered statuses overtake their sent one.
    events.push({ id, status: 'sent', at: random() < 0.05 ? delivered + 1 : sent, recipient });
    if (random() >= 1 / 30) events.push({ id, status: 'delivered', at: delivered, recipient });
    events.push({ id, status: 'read', at: read, recipient });
  }
  events.sort((a, b) => a.at - b.at);
  const requests: LoadRequest[] = [];
  for (let next = 0; next < events.length; ) {
    const take = 1 + Math.floor(random() * options.maxPerPost);
    const batch = events.slice(next, next + take);
    next += take;
    const body = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: '200000000000001',
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: '5215512345678', phone_number_id: options.phoneNumberId },
                statuses: batch.map((event) => ({
                  id: event.id,
                  status: event.status,
                  timestamp: String(Math.floor(event.at)),
                  recipient_id: event.recipient,
                  ...(event.status !== 'read' && {
                    pricing: { billable: true, pricing_model: 'PMP', type: 'regular', category: 'marketing' },
                  }),
                })),
              },
            },
          ],
        },
      ],
    });
    const signature = `sha256=${createHmac('sha256', options.secret).update(body).digest('hex')}`;
    requests.push({ path: options.path, body, headers: { 'x-hub-signature-256': signature } });
  }
  return { requests, statuses: events.length };
}

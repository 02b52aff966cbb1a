import { resolveTenant, type TenantContext } from '@/src/dashboard/tenants/resolve-tenant';
import type { StaffIdentity } from '@/src/db/rpc-port';
import { staffIdentity } from '../../support/staff';
import type { TestDatabase } from '../../support/test-database';
import { fixtureJson } from '../../webhooks/support/fixtures';
import { freshWebhookTenant } from '../../webhooks/support/fresh-tenant';
import { type Posted, postSigned } from '../../webhooks/support/post-webhook';

// One customer who wrote on WhatsApp and on Instagram: two leads of a fresh fixture tenant, made
// by real signed webhooks through the route, plus the tenant's owner to act as staff.

export const waId = '5215587654321';
export const igId = '1254459154682919';

type WaBody = {
  entry: Array<{
    changes: Array<{
      value: {
        contacts: Array<{ wa_id: string }>;
        messages: Array<{ id: string; from: string; timestamp: string; text: { body: string } }>;
      };
    }>;
  }>;
};
type IgBody = {
  entry: Array<{
    messaging: Array<{ sender: { id: string }; timestamp: number; message: { mid: string; text: string } }>;
  }>;
};

export function postWhatsApp(slug: string, id: string, text: string, from = waId): Promise<Posted> {
  const body = fixtureJson<WaBody>('whatsapp', 'text');
  const value = body.entry[0]!.changes[0]!.value;
  value.contacts[0]!.wa_id = from;
  Object.assign(value.messages[0]!, {
    id,
    from,
    timestamp: String(Math.floor(Date.now() / 1000)),
    text: { body: text },
  });
  return postSigned('whatsapp', slug, JSON.stringify(body));
}

export function postInstagram(slug: string, mid: string, text: string, from = igId): Promise<Posted> {
  const body = fixtureJson<IgBody>('instagram', 'text');
  const event = body.entry[0]!.messaging[0]!;
  event.sender.id = from;
  event.timestamp = Date.now();
  event.message = { mid, text };
  return postSigned('instagram', slug, JSON.stringify(body));
}

export type Customer = {
  slug: string;
  tenantId: string;
  staff: StaffIdentity;
  context: TenantContext;
  waLead: string;
  igLead: string;
};

export async function leadOf(test: TestDatabase, tenantId: string, channel: string, externalId: string) {
  const { rows } = await test.pool.query(
    'select lead_id from lead_identities where tenant_id = $1 and channel = $2 and external_id = $3',
    [tenantId, channel, externalId],
  );
  return rows[0]?.lead_id as string;
}

export async function customerOnTwoChannels(test: TestDatabase): Promise<Customer> {
  const { slug, tenantId } = await freshWebhookTenant(test);
  const member = await test.db.rpc('admin_seed_staff_member', {
    p_tenant_slug: slug,
    p_email: `owner@${slug}.example`,
    p_role: 'owner',
  });
  const staff = staffIdentity(member.user_id, `owner@${slug}.example`);
  const context = await resolveTenant(test.db, staff, slug);
  await postWhatsApp(slug, 'wamid.M1', 'Hola, ¿cuánto cuesta una limpieza?');
  await postInstagram(slug, 'mid.M1', '¿Hacen blanqueamiento?');
  return {
    slug,
    tenantId,
    staff,
    context,
    waLead: await leadOf(test, tenantId, 'whatsapp', waId),
    igLead: await leadOf(test, tenantId, 'instagram', igId),
  };
}

/** Which lead each row that references a lead points at, table by table (for exact comparisons). */
export async function leadReferences(test: TestDatabase, tenantId: string) {
  const tables = [
    'conversations',
    'messages',
    'appointments',
    'lead_identities',
    'lead_score_events',
    'lead_changes',
  ];
  const out: Record<string, Record<string, string>> = {};
  for (const table of tables) {
    const { rows } = await test.pool.query(`select id, lead_id from public.${table} where tenant_id = $1`, [
      tenantId,
    ]);
    out[table] = Object.fromEntries(rows.map((row) => [row.id, row.lead_id]));
  }
  return out;
}

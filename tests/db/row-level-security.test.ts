import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryAs } from '../support/query-as';
import { createTenantWithStaff, staffIdentity } from '../support/staff';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

let test: TestDatabase;
let a: Awaited<ReturnType<typeof createTenantWithStaff>>;
let b: Awaited<ReturnType<typeof createTenantWithStaff>>;

const tables = [
  'tenants',
  'branches',
  'tenant_members',
  'channel_connections',
  'ai_tenant_context',
  'leads',
  'lead_identities',
  'lead_score_events',
  'conversations',
  'messages',
  'jobs',
  'webhook_events',
];

// Puts one row in every table for a tenant, straight through the superuser pool.
async function fillTenant(tenantId: string, suffix: string) {
  const q = (sql: string, params: unknown[]) => test.pool.query(sql, params);
  await q('insert into branches (tenant_id, name) values ($1, $2)', [tenantId, `Branch ${suffix}`]);
  await q(
    "insert into channel_connections (tenant_id, channel, phone_number_id, access_token_encrypted) values ($1, 'whatsapp', $2, 'v1:x:y:z')",
    [tenantId, `phone-${suffix}`],
  );
  const lead = await q(
    "insert into leads (tenant_id, origin_channel, name) values ($1, 'whatsapp', $2) returning id",
    [tenantId, `Lead ${suffix}`],
  );
  const leadId = lead.rows[0].id;
  await q(
    "insert into lead_identities (tenant_id, lead_id, channel, external_id) values ($1, $2, 'whatsapp', $3)",
    [tenantId, leadId, `wa-${suffix}`],
  );
  const conversation = await q(
    "insert into conversations (tenant_id, lead_id, channel) values ($1, $2, 'whatsapp') returning id",
    [tenantId, leadId],
  );
  const message = await q(
    "insert into messages (tenant_id, conversation_id, lead_id, channel, direction, sender, text) values ($1, $2, $3, 'whatsapp', 'inbound', 'lead', 'hola') returning id",
    [tenantId, conversation.rows[0].id, leadId],
  );
  await q(
    "insert into lead_score_events (tenant_id, lead_id, message_id, delta, score_before, score_after, classification_after) values ($1, $2, $3, 10, 50, 60, 'warm')",
    [tenantId, leadId, message.rows[0].id],
  );
  await q("insert into jobs (tenant_id, job_type) values ($1, 'ai_response')", [tenantId]);
  await q(
    "insert into webhook_events (tenant_id, channel, outcome, http_status) values ($1, 'whatsapp', 'accepted', 200)",
    [tenantId],
  );
}

beforeAll(async () => {
  test = await createTestDatabase();
  a = await createTenantWithStaff(test, 'tenant-a');
  b = await createTenantWithStaff(test, 'tenant-b');
  await fillTenant(a.tenantId, 'a');
  await fillTenant(b.tenantId, 'b');
});
afterAll(() => test.drop());

describe('row level security', () => {
  it.each(tables)('a member of tenant A reads only tenant A rows of %s', async (table) => {
    const column = table === 'tenants' ? 'id' : 'tenant_id';
    const rows = await queryAs(
      test.pool,
      { role: 'authenticated', claims: a.staff.claims },
      `select ${column} as tenant from ${table}`,
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((row) => row.tenant))).toEqual(new Set([a.tenantId]));
  });

  it.each(tables)('anon reads nothing of %s', async (table) => {
    await expect(queryAs(test.pool, { role: 'anon' }, `select * from ${table}`)).rejects.toThrow(
      /permission denied/,
    );
  });

  it.each(tables)('staff cannot write %s directly, not even in their own tenant', async (table) => {
    const who = { role: 'authenticated' as const, claims: a.staff.claims };
    await expect(queryAs(test.pool, who, `delete from ${table}`)).rejects.toThrow(/permission denied/);
  });

  it('a user with no membership sees nothing, whatever their metadata claims', async () => {
    const outsider = await test.pool.query(
      `insert into auth.users (email, raw_user_meta_data, raw_app_meta_data)
       values ('outsider@example.com', $1, $1) returning id`,
      [JSON.stringify({ tenant_id: b.tenantId, tenant_slug: 'tenant-b', role: 'owner' })],
    );
    const claims = {
      ...staffIdentity(outsider.rows[0].id).claims,
      user_metadata: { tenant_id: b.tenantId, role: 'owner' },
      app_metadata: { tenant_id: b.tenantId, tenants: [b.tenantId] },
    };
    for (const table of tables) {
      const column = table === 'tenants' ? 'id' : 'tenant_id';
      const rows = await queryAs(
        test.pool,
        { role: 'authenticated', claims },
        `select ${column} from ${table}`,
      );
      expect({ table, rows }).toEqual({ table, rows: [] });
    }
    const mine = await test.db.rpc('my_tenants', {}, { as: { claims } });
    expect(mine).toEqual([]);
  });

  it('staff never read channel secrets, even their own', async () => {
    const who = { role: 'authenticated' as const, claims: a.staff.claims };
    await expect(
      queryAs(test.pool, who, 'select access_token_encrypted from channel_connections'),
    ).rejects.toThrow(/permission denied/);
    await expect(
      queryAs(test.pool, who, 'select webhook_secret_encrypted from channel_connections'),
    ).rejects.toThrow(/permission denied/);
    const visible = await queryAs(test.pool, who, 'select channel, phone_number_id from channel_connections');
    expect(visible).toEqual([{ channel: 'whatsapp', phone_number_id: 'phone-a' }]);
  });

  it('my_tenants lists the memberships of the caller only', async () => {
    const mine = await test.db.rpc('my_tenants', {}, { as: a.staff });
    expect(mine).toEqual([{ id: a.tenantId, slug: 'tenant-a', name: 'Tenant tenant-a', role: 'owner' }]);
  });

  it('operator functions are refused to staff and to anon', async () => {
    await expect(
      test.db.rpc('admin_list_channel_connections', { p_tenant_slug: 'tenant-a' }, { as: a.staff }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      queryAs(test.pool, { role: 'anon' }, "select public.admin_create_tenant('evil', 'Evil')"),
    ).rejects.toThrow(/permission denied/);
  });
});

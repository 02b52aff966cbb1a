import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadInbox } from '@/src/dashboard/inbox/load-inbox';
import { loadThread } from '@/src/dashboard/inbox/load-thread';
import { loadLeads } from '@/src/dashboard/leads/load-leads';
import { resolveTenant, type TenantContext } from '@/src/dashboard/tenants/resolve-tenant';
import type { StaffIdentity } from '@/src/db/rpc-port';
import { createTenantWithStaff } from '../support/staff';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// Keyset paging: following "Ver más" from the first page reaches every row exactly once, in the
// list's order, even when many rows share a time (the id breaks the tie) or have none.

let test: TestDatabase;
let staff: StaffIdentity;
let tenant: TenantContext;
let tenantId: string;
let conversationId: string;
const total = 137;

beforeAll(async () => {
  test = await createTestDatabase();
  const created = await createTenantWithStaff(test, 'paginas');
  staff = created.staff;
  tenantId = created.tenantId;
  tenant = await resolveTenant(test.db, staff, 'paginas');
  const other = await createTenantWithStaff(test, 'ajena');
  // A third share one time, a third have none, the rest differ; every fifth is escalated.
  for (const id of [tenantId, other.tenantId]) {
    await test.pool.query(
      `with l as (
         insert into leads (tenant_id, origin_channel, name, last_message_at)
         select $1, 'whatsapp', 'Cliente ' || g,
           case g % 3 when 0 then null when 1 then timestamptz '2026-12-01 10:00' else now() - g * interval '1 minute' end
         from generate_series(1, $2) g returning id, name, last_message_at)
       insert into conversations (tenant_id, lead_id, channel, last_message_at, escalated_at, status)
       select $1, l.id, 'whatsapp', l.last_message_at,
         case when split_part(l.name, ' ', 2)::int % 5 = 0 then now() end,
         case when split_part(l.name, ' ', 2)::int % 7 = 0 then 'resolved' else 'active' end
       from l`,
      [id, total],
    );
  }
  const conversation = await test.pool.query(
    `select id, lead_id from conversations where tenant_id = $1 order by id limit 1`,
    [tenantId],
  );
  conversationId = conversation.rows[0].id;
  await test.pool.query(
    `insert into messages (tenant_id, conversation_id, lead_id, channel, direction, sender, text, created_at)
     select $1, $2, $3, 'whatsapp', 'inbound', 'lead', 'Mensaje ' || g,
       timestamptz '2026-12-01 10:00' + (g / 4) * interval '1 second'
     from generate_series(1, 123) g`,
    [tenantId, conversationId, conversation.rows[0].lead_id],
  );
});
afterAll(() => test.drop());

async function allPages<T>(load: (after: string | undefined) => Promise<{ rows: T[]; next: string | null }>) {
  const pages: T[][] = [];
  let after: string | undefined;
  do {
    const page = await load(after);
    pages.push(page.rows);
    after = page.next ?? undefined;
  } while (after && pages.length < 100);
  return pages;
}

describe('keyset paging', () => {
  it('the inbox reaches every conversation once, escalated first, newest first, ties by id', async () => {
    const pages = await allPages(async (after) => {
      const page = await loadInbox(test.db, staff, tenant, { status: 'all', after }, 25);
      return { rows: page.items, next: page.next };
    });
    const rows = pages.flat();
    expect(pages.length).toBe(Math.ceil(total / 25));
    expect(rows.length).toBe(total);
    expect(new Set(rows.map((r) => r.id)).size).toBe(total);
    const expected = (
      await test.pool.query(
        `select id from conversations where tenant_id = $1
         order by (escalated_at is not null and status in ('active', 'pending')) desc,
           coalesce(last_message_at, '-infinity') desc, id desc`,
        [tenantId],
      )
    ).rows.map((r) => r.id);
    expect(rows.map((r) => r.id)).toEqual(expected);
  });

  it('filters keep working across pages (open only)', async () => {
    const pages = await allPages(async (after) => {
      const page = await loadInbox(test.db, staff, tenant, { status: 'open', after }, 10);
      return { rows: page.items, next: page.next };
    });
    const open = (
      await test.pool.query(
        `select count(*)::int as n from conversations where tenant_id = $1 and status = 'active'`,
        [tenantId],
      )
    ).rows[0].n;
    expect(new Set(pages.flat().map((r) => r.id)).size).toBe(open);
    expect(pages.flat().every((r) => r.status === 'active')).toBe(true);
  });

  it('the leads list reaches every lead once, past the old cap of 100', async () => {
    const pages = await allPages(async (after) => {
      const page = await loadLeads(test.db, staff, tenant, { after }, 40);
      return { rows: page.leads, next: page.next };
    });
    const ids = pages.flat().map((r) => r.id);
    expect(ids.length).toBe(total);
    expect(new Set(ids).size).toBe(total);
    const expected = (
      await test.pool.query(
        `select id from leads where tenant_id = $1 order by coalesce(last_message_at, '-infinity') desc, id desc`,
        [tenantId],
      )
    ).rows.map((r) => r.id);
    expect(ids).toEqual(expected);
  });

  it('a thread shows its newest messages first and pages back to the first one', async () => {
    const newest = await loadThread(test.db, staff, tenant, conversationId, { pageSize: 50 });
    expect(newest.latest).toBe(true);
    // Messages 120-123 share their time: the id orders them, as in the thread.
    expect(['Mensaje 120', 'Mensaje 121', 'Mensaje 122', 'Mensaje 123']).toContain(
      newest.messages.at(-1)!.text,
    );
    const pages = [newest.messages];
    let older = newest.older;
    while (older) {
      const page = await loadThread(test.db, staff, tenant, conversationId, { before: older, pageSize: 50 });
      expect(page.latest).toBe(false);
      pages.unshift(page.messages);
      older = page.older;
    }
    expect(pages.map((p) => p.length)).toEqual([23, 50, 50]);
    const texts = pages.flat().map((m) => m.text);
    expect(new Set(texts).size).toBe(123);
    const expected = (
      await test.pool.query(`select text from messages where conversation_id = $1 order by created_at, id`, [
        conversationId,
      ])
    ).rows.map((r) => r.text);
    expect(texts).toEqual(expected);
  });

  it('a search of a common word (2,000 hits or more) pages through every match once, in order', async () => {
    await test.pool.query(
      `insert into messages (tenant_id, conversation_id, lead_id, channel, direction, sender, text)
       select c.tenant_id, c.id, c.lead_id, 'whatsapp', 'inbound', 'lead', '¿Qué PRECIO tiene? ' || k
       from (select c.*, row_number() over (order by c.id) as n from conversations c where c.tenant_id = $1) c
       cross join generate_series(1, 32) k
       where c.n % 2 = 0`,
      [tenantId],
    );
    const pages = await allPages(async (after) => {
      const page = await loadInbox(test.db, staff, tenant, { status: 'all', q: 'precio', after }, 10);
      return { rows: page.items, next: page.next };
    });
    const expected = (
      await test.pool.query(
        `select id from conversations c where tenant_id = $1
           and exists (select 1 from messages m where m.conversation_id = c.id and m.text like '%PRECIO%')
         order by (escalated_at is not null and status in ('active', 'pending')) desc,
           coalesce(last_message_at, '-infinity') desc, id desc`,
        [tenantId],
      )
    ).rows.map((r) => r.id);
    expect(expected.length * 32).toBeGreaterThanOrEqual(2000);
    expect(pages.flat().map((r) => r.id)).toEqual(expected);
    expect(pages.flat().every((r) => r.match_text?.includes('PRECIO'))).toBe(true);
    const leadPages = await allPages(async (after) => {
      const page = await loadLeads(test.db, staff, tenant, { q: 'precio', after }, 10);
      return { rows: page.leads, next: page.next };
    });
    const expectedLeads = (
      await test.pool.query(
        `select id from leads l where tenant_id = $1
           and exists (select 1 from messages m where m.lead_id = l.id and m.text like '%PRECIO%')
         order by coalesce(last_message_at, '-infinity') desc, id desc`,
        [tenantId],
      )
    ).rows.map((r) => r.id);
    expect(leadPages.flat().map((r) => r.id)).toEqual(expectedLeads);
  });

  it('a malformed cursor starts the list over instead of failing', async () => {
    for (const after of ['nope', 'W10', Buffer.from('["x","y"]').toString('base64url')]) {
      const page = await loadInbox(test.db, staff, tenant, { status: 'all', after }, 5);
      expect(page.items.length).toBe(5);
    }
  });
});

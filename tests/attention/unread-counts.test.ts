import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAttention, loadUnreadCounts } from '@/src/dashboard/attention/load-attention';
import { markConversationRead } from '@/src/dashboard/attention/mark-conversation-read';
import { resolveTenant, type TenantContext } from '@/src/dashboard/tenants/resolve-tenant';
import type { StaffIdentity } from '@/src/db/rpc-port';
import { type SeededInbox, seedInbox } from '../dashboard/seed-inbox';
import { queryAs } from '../support/query-as';
import { createTenantWithStaff, staffIdentity } from '../support/staff';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// Unread counts are per member: each member's read marker moves when that member opens the
// conversation, and nobody reads or moves another business's markers.

let test: TestDatabase;
let a: Awaited<ReturnType<typeof createTenantWithStaff>>;
let b: Awaited<ReturnType<typeof createTenantWithStaff>>;
let agentA: StaffIdentity;
let tenantA: TenantContext;
let tenantAasAgent: TenantContext;
let tenantB: TenantContext;
let calm: SeededInbox;
let urgent: SeededInbox;

async function addInbound(seeded: SeededInbox, text: string): Promise<void> {
  await test.pool.query(
    `insert into messages (tenant_id, conversation_id, lead_id, channel, direction, sender, text)
     select tenant_id, id, lead_id, channel, 'inbound', 'lead', $2 from conversations where id = $1`,
    [seeded.conversationId, text],
  );
  await test.pool.query('update conversations set last_inbound_at = now() where id = $1', [
    seeded.conversationId,
  ]);
}

beforeAll(async () => {
  test = await createTestDatabase();
  a = await createTenantWithStaff(test, 'unread-a');
  b = await createTenantWithStaff(test, 'unread-b');
  const agent = await test.db.rpc('admin_seed_staff_member', {
    p_tenant_slug: 'unread-a',
    p_email: 'agent@unread-a.example',
    p_role: 'agent',
  });
  agentA = staffIdentity(agent.user_id, 'agent@unread-a.example');
  tenantA = await resolveTenant(test.db, a.staff, 'unread-a');
  tenantAasAgent = await resolveTenant(test.db, agentA, 'unread-a');
  tenantB = await resolveTenant(test.db, b.staff, 'unread-b');
  calm = await seedInbox(test, a.tenantId, { name: 'Carla', text: '¿Precio?' });
  urgent = await seedInbox(test, a.tenantId, { name: 'Uriel', text: 'Urgencia', escalated: true });
  await addInbound(calm, '¿Tienen hoy?');
  await seedInbox(test, b.tenantId, { name: 'Berta', text: 'Hola' });
});
afterAll(() => test.drop());

describe('unread counts', () => {
  it('counts the customer messages each member has not opened yet', async () => {
    expect(await loadUnreadCounts(test.db, a.staff, tenantA)).toEqual({
      [calm.conversationId]: 2,
      [urgent.conversationId]: 1,
    });
    const attention = await loadAttention(test.db, a.staff, tenantA);
    expect(attention).toMatchObject({
      unread_messages: 3,
      unread_conversations: 2,
      escalations: 1,
      hot_leads: 2,
      preferences: { push: true, email: true, sound: true },
    });
    expect(attention.latest_event?.kind).toMatch(/escalation|hot_lead/);
  });

  it('opening a conversation clears it for that member only', async () => {
    await markConversationRead(test.db, a.staff, tenantA, calm.conversationId);
    expect(await loadUnreadCounts(test.db, a.staff, tenantA)).toEqual({ [urgent.conversationId]: 1 });
    expect(await loadUnreadCounts(test.db, agentA, tenantAasAgent)).toEqual({
      [calm.conversationId]: 2,
      [urgent.conversationId]: 1,
    });
    await markConversationRead(test.db, a.staff, tenantA, urgent.conversationId);
    expect(await loadAttention(test.db, a.staff, tenantA)).toMatchObject({
      unread_messages: 0,
      escalations: 0,
      hot_leads: 0,
    });
  });

  it('a new customer message after the marker is unread again', async () => {
    await addInbound(calm, 'Otra pregunta');
    expect(await loadUnreadCounts(test.db, a.staff, tenantA)).toEqual({ [calm.conversationId]: 1 });
  });

  it('resolved conversations do not count', async () => {
    await test.pool.query(`update conversations set status = 'resolved' where id = $1`, [
      calm.conversationId,
    ]);
    expect(await loadUnreadCounts(test.db, a.staff, tenantA)).toEqual({});
    await test.pool.query(`update conversations set status = 'active' where id = $1`, [calm.conversationId]);
  });
});

describe('tenant isolation', () => {
  it("another business's member can neither count nor mark tenant A's conversations", async () => {
    const forged = { ...tenantB, id: a.tenantId };
    await expect(loadUnreadCounts(test.db, b.staff, forged)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(loadAttention(test.db, b.staff, forged)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(markConversationRead(test.db, b.staff, forged, calm.conversationId)).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(markConversationRead(test.db, b.staff, tenantB, calm.conversationId)).rejects.toMatchObject({
      code: 'not_found',
    });
    expect(Object.keys(await loadUnreadCounts(test.db, b.staff, tenantB))).toHaveLength(1);
  });

  it('RLS: a member reads only their own read markers, and none of another business', async () => {
    await markConversationRead(test.db, agentA, tenantAasAgent, calm.conversationId);
    const asOwner = await queryAs(
      test.pool,
      { role: 'authenticated', claims: a.staff.claims },
      'select user_id from conversation_reads',
    );
    expect(asOwner.map((row) => row.user_id)).toEqual([a.userId, a.userId]);
    const asB = await queryAs(
      test.pool,
      { role: 'authenticated', claims: b.staff.claims },
      'select 1 from conversation_reads union all select 1 from attention_events where tenant_id = $1',
      [a.tenantId],
    );
    expect(asB).toEqual([]);
    await expect(
      queryAs(
        test.pool,
        { role: 'authenticated', claims: a.staff.claims },
        'select * from push_subscriptions',
      ),
    ).rejects.toThrow(/permission denied/);
  });
});

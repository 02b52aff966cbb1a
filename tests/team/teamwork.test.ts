import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addNote } from '@/src/dashboard/teamwork/add-note';
import { assignConversation } from '@/src/dashboard/teamwork/assign-conversation';
import { escalateConversation } from '@/src/dashboard/teamwork/escalate-conversation';
import {
  loadConversationTeamwork,
  loadLeadTags,
  loadTeamworkLists,
} from '@/src/dashboard/teamwork/load-teamwork';
import { deleteQuickReply, saveQuickReply } from '@/src/dashboard/teamwork/quick-reply-writes';
import { deleteTag, saveTag, setTag } from '@/src/dashboard/teamwork/tag-writes';
import { resolveTenant, type TenantContext } from '@/src/dashboard/tenants/resolve-tenant';
import type { StaffIdentity } from '@/src/db/rpc-port';
import { seedInbox } from '../dashboard/seed-inbox';
import { createTenantWithStaff, staffIdentity } from '../support/staff';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// Working a conversation as a team (issue 18 §2), through the same functions the dashboard
// calls, against the real database: assignment only to members, notes that send nothing,
// mentions stored, tags unique per tenant, quick replies.

let test: TestDatabase;
let owner: StaffIdentity;
let agent: { userId: string; staff: StaffIdentity };
let tenant: TenantContext;
let other: { tenantId: string; userId: string; staff: StaffIdentity };
let conversationId: string;
let leadId: string;

beforeAll(async () => {
  test = await createTestDatabase();
  const a = await createTenantWithStaff(test, 'teamwork-a', 'owner');
  owner = a.staff;
  const member = await test.db.rpc('admin_seed_staff_member', {
    p_tenant_slug: 'teamwork-a',
    p_email: 'agent@teamwork-a.example',
    p_role: 'agent',
  });
  agent = { userId: member.user_id, staff: staffIdentity(member.user_id, 'agent@teamwork-a.example') };
  tenant = await resolveTenant(test.db, owner, 'teamwork-a');
  other = await createTenantWithStaff(test, 'teamwork-b', 'owner');
  const seeded = await seedInbox(test, a.tenantId, { name: 'Lucía', text: 'Hola' });
  conversationId = seeded.conversationId;
  leadId = seeded.leadId;
});
afterAll(() => test.drop());

async function count(sql: string, params: unknown[]): Promise<number> {
  return (await test.pool.query(sql, params)).rows[0].n;
}

describe('assignment', () => {
  it('assigns to a member, records who and when, and hands back to the team', async () => {
    await assignConversation(test.db, owner, tenant, { conversationId, assignee: agent.userId });
    let view = await loadConversationTeamwork(test.db, owner, tenant, conversationId);
    expect(view).toMatchObject({ assigned_to: agent.userId, assignee_email: 'agent@teamwork-a.example' });
    await assignConversation(test.db, agent.staff, tenant, { conversationId, assignee: '' });
    view = await loadConversationTeamwork(test.db, owner, tenant, conversationId);
    expect(view.assigned_to).toBeNull();
    expect(view.events.map((e) => [e.kind, e.actor_email, e.assignee_email])).toEqual([
      ['assigned', 'owner@teamwork-a.example', 'agent@teamwork-a.example'],
      ['unassigned', 'agent@teamwork-a.example', null],
    ]);
  });

  it('refuses a person who is not a member of the tenant', async () => {
    await expect(
      assignConversation(test.db, owner, tenant, { conversationId, assignee: other.userId }),
    ).rejects.toMatchObject({ details: { reason: 'not_a_member' } });
    expect(
      await count('select count(*)::int as n from conversations where assigned_to = $1', [other.userId]),
    ).toBe(0);
  });

  it('refuses a member of another tenant acting on this one', async () => {
    await expect(
      test.db.rpc(
        'dashboard_assign_conversation',
        { p_tenant_id: tenant.id, p_conversation_id: conversationId, p_assignee: other.userId },
        { as: other.staff },
      ),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      test.db.rpc(
        'dashboard_assign_conversation',
        { p_tenant_id: other.tenantId, p_conversation_id: conversationId, p_assignee: other.userId },
        { as: other.staff },
      ),
    ).rejects.toMatchObject({ code: 'not_found' });
  });

  it('filters mine / unassigned / all with internal.assignment_matches', async () => {
    await assignConversation(test.db, owner, tenant, { conversationId, assignee: agent.userId });
    const seen = async (filter: string, claims: StaffIdentity) => {
      const client = await test.pool.connect();
      try {
        await client.query('begin');
        await client.query("select set_config('request.jwt.claims', $1, true)", [
          JSON.stringify(claims.claims),
        ]);
        const { rows } = await client.query(
          'select count(*)::int as n from conversations c where c.id = $1 and internal.assignment_matches(c.assigned_to, $2)',
          [conversationId, filter],
        );
        await client.query('rollback');
        return rows[0].n;
      } finally {
        client.release();
      }
    };
    expect(await seen('mine', agent.staff)).toBe(1);
    expect(await seen('mine', owner)).toBe(0);
    expect(await seen('unassigned', owner)).toBe(0);
    expect(await seen('all', owner)).toBe(1);
  });
});

describe('manual escalation', () => {
  it('hands the conversation to a person with the reason, like an automatic escalation', async () => {
    const { id: escalatedId } = await seedInbox(test, tenant.id, { name: 'Mario', text: 'Hola' }).then(
      (s) => ({
        id: s.conversationId,
      }),
    );
    const state = await escalateConversation(test.db, agent.staff, tenant, {
      conversationId: escalatedId,
      reason: 'Pide factura',
    });
    expect(state).toMatchObject({ handled_by: 'human', status: 'pending' });
    const { rows } = await test.pool.query(
      'select escalation_reason, escalated_at from conversations where id = $1',
      [escalatedId],
    );
    expect(rows[0].escalation_reason).toBe('by staff: Pide factura');
    expect(rows[0].escalated_at).not.toBeNull();
    await expect(
      escalateConversation(test.db, agent.staff, tenant, { conversationId: escalatedId, reason: '  ' }),
    ).rejects.toMatchObject({ details: { reason: 'reason_length' } });
  });
});

describe('internal notes', () => {
  it('stores the note and its mentions and creates no outbound message or job', async () => {
    // The mention's notice to the agent is a job of its own (deliver_notification), never a send.
    const jobs = `select count(*)::int as n from jobs where tenant_id = $1 and job_type <> 'deliver_notification'`;
    const messages = 'select count(*)::int as n from messages where tenant_id = $1';
    const outbox = 'select count(*)::int as n from outbox_messages where tenant_id = $1';
    const before = [
      await count(jobs, [tenant.id]),
      await count(messages, [tenant.id]),
      await count(outbox, [tenant.id]),
    ];
    const note = await addNote(test.db, owner, tenant, {
      conversationId,
      body: '@agent revisa el precio',
      mentions: `${agent.userId},${agent.userId}`,
    });
    expect(note.mentions).toEqual([agent.userId]);
    const after = [
      await count(jobs, [tenant.id]),
      await count(messages, [tenant.id]),
      await count(outbox, [tenant.id]),
    ];
    expect(after).toEqual(before);
    const notices = await test.pool.query(
      `select d.user_id, d.channel from notification_deliveries d join attention_events e on e.id = d.event_id
       where e.kind = 'mention' and e.tenant_id = $1`,
      [tenant.id],
    );
    expect(notices.rows).toEqual([{ user_id: agent.userId, channel: 'email' }]);
    const { rows } = await test.pool.query(
      'select tenant_id, user_id from note_mentions where note_id = $1',
      [note.id],
    );
    expect(rows).toEqual([{ tenant_id: tenant.id, user_id: agent.userId }]);
    const view = await loadConversationTeamwork(test.db, agent.staff, tenant, conversationId);
    expect(view.notes.at(-1)).toMatchObject({
      body: '@agent revisa el precio',
      author_email: 'owner@teamwork-a.example',
      mentions: ['agent@teamwork-a.example'],
    });
  });

  it('refuses to mention someone outside the tenant', async () => {
    await expect(
      addNote(test.db, owner, tenant, { conversationId, body: 'hola', mentions: other.userId }),
    ).rejects.toMatchObject({ details: { reason: 'not_a_member' } });
  });
});

describe('tags', () => {
  it('are unique per tenant whatever the case, applied to conversations and leads, deleted everywhere', async () => {
    const vip = await saveTag(test.db, owner, tenant, { tagId: '', name: 'VIP', color: 'amber' });
    await expect(saveTag(test.db, owner, tenant, { name: 'vip', color: 'red' })).rejects.toMatchObject({
      code: 'conflict',
      details: { reason: 'tag_name_taken' },
    });
    // Another tenant may have its own "VIP".
    const otherTenant = await resolveTenant(test.db, other.staff, 'teamwork-b');
    await saveTag(test.db, other.staff, otherTenant, { name: 'VIP', color: 'blue' });
    await saveTag(test.db, owner, tenant, { tagId: vip.id, name: 'Cliente VIP', color: 'violet' });
    await setTag(test.db, agent.staff, tenant, {
      target: 'conversation',
      targetId: conversationId,
      tagId: vip.id,
      on: 'true',
    });
    await setTag(test.db, agent.staff, tenant, {
      target: 'lead',
      targetId: leadId,
      tagId: vip.id,
      on: 'true',
    });
    const view = await loadConversationTeamwork(test.db, agent.staff, tenant, conversationId);
    expect(view).toMatchObject({ conversation_tags: [vip.id], lead_tags: [vip.id] });
    expect(await loadLeadTags(test.db, agent.staff, tenant, leadId)).toEqual([vip.id]);
    await expect(
      test.db.rpc(
        'dashboard_lead_tags',
        { p_tenant_id: other.tenantId, p_lead_id: leadId },
        { as: other.staff },
      ),
    ).rejects.toMatchObject({ code: 'not_found' });
    expect((await loadTeamworkLists(test.db, agent.staff, tenant)).tags).toEqual([
      { id: vip.id, name: 'Cliente VIP', color: 'violet' },
    ]);
    // Agents apply tags; only admins manage the list.
    await expect(
      saveTag(test.db, agent.staff, tenant, { name: 'Nuevo', color: 'red' }),
    ).rejects.toMatchObject({
      code: 'forbidden',
    });
    await deleteTag(test.db, owner, tenant, { tagId: vip.id });
    expect(await count('select count(*)::int as n from lead_tags where tenant_id = $1', [tenant.id])).toBe(0);
    expect(
      await count('select count(*)::int as n from conversation_tags where tenant_id = $1', [tenant.id]),
    ).toBe(0);
  });

  it('refuses another tenant’s tag', async () => {
    const theirs = await test.pool.query("select id from tags where tenant_id = $1 and name = 'VIP'", [
      other.tenantId,
    ]);
    await expect(
      setTag(test.db, owner, tenant, {
        target: 'conversation',
        targetId: conversationId,
        tagId: theirs.rows[0].id,
        on: 'true',
      }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('quick replies', () => {
  it('are created, edited, listed and deleted by admins, with unique titles', async () => {
    const saved = await saveQuickReply(test.db, owner, tenant, {
      title: 'Horario',
      body: 'Abrimos de 9 a 19.',
    });
    await expect(
      saveQuickReply(test.db, owner, tenant, { title: 'horario', body: 'otro' }),
    ).rejects.toMatchObject({ details: { reason: 'quick_reply_title_taken' } });
    await saveQuickReply(test.db, owner, tenant, {
      quickReplyId: saved.id,
      title: 'Horario',
      body: 'De 9 a 18.',
    });
    expect((await loadTeamworkLists(test.db, agent.staff, tenant)).quick_replies).toEqual([
      { id: saved.id, title: 'Horario', body: 'De 9 a 18.' },
    ]);
    await expect(
      saveQuickReply(test.db, agent.staff, tenant, { title: 'Precio', body: '800' }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await deleteQuickReply(test.db, owner, tenant, { quickReplyId: saved.id });
    expect((await loadTeamworkLists(test.db, agent.staff, tenant)).quick_replies).toEqual([]);
  });
});

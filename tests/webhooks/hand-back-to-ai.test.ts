import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeConversation } from '@/src/dashboard/inbox/change-conversation';
import { requestAiReply } from '@/src/dashboard/inbox/request-ai-reply';
import { resolveTenant } from '@/src/dashboard/tenants/resolve-tenant';
import { runJobs } from '../outbound/outbound-fixture';
import { replyHandlers } from '../support/reply-handlers';
import { staffIdentity } from '../support/staff';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { fixtureJson } from './support/fixtures';
import { freshWebhookTenant } from './support/fresh-tenant';
import { postSigned } from './support/post-webhook';

// Issue 18's defect: after an escalation, "Devolver a la IA" left the conversation pending, and
// ingest queues AI replies only for active conversations: the AI never answered that customer
// again. The whole path: message -> AI job; escalation (human, pending) -> no AI job; hand back
// -> the next message is answered by the AI again.

type TextBody = {
  entry: Array<{
    changes: Array<{ value: { messages: Array<{ id: string; timestamp: string; text: { body: string } }> } }>;
  }>;
};

let test: TestDatabase;

beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(() => test.drop());

function nextMessage(id: string, text: string): string {
  const body = fixtureJson<TextBody>('whatsapp', 'text');
  const message = body.entry[0]!.changes[0]!.value.messages[0]!;
  message.id = id;
  message.text.body = text;
  // Written now, so the 24-hour reply window is open.
  message.timestamp = String(Math.floor(Date.now() / 1000));
  return JSON.stringify(body);
}

async function aiJobs(conversationId: string): Promise<number> {
  const { rows } = await test.pool.query(
    "select count(*)::int as n from jobs where job_type = 'ai_response' and payload ->> 'conversation_id' = $1",
    [conversationId],
  );
  return rows[0].n;
}

describe('handing a conversation back to the AI', () => {
  it('makes an escalated (pending) conversation active, so the next message is answered', async () => {
    const tenant = await freshWebhookTenant(test);
    const member = await test.db.rpc('admin_seed_staff_member', {
      p_tenant_slug: tenant.slug,
      p_email: `owner@${tenant.slug}.example`,
      p_role: 'owner',
    });
    const staff = staffIdentity(member.user_id, `owner@${tenant.slug}.example`);
    const context = await resolveTenant(test.db, staff, tenant.slug);

    expect((await postSigned('whatsapp', tenant.slug, nextMessage('wamid.HB1', 'Hola'))).body).toMatchObject({
      ai_jobs: 1,
    });
    const { rows } = await test.pool.query('select id from conversations where tenant_id = $1', [
      tenant.tenantId,
    ]);
    const conversationId: string = rows[0].id;
    await test.pool.query("delete from jobs where job_type = 'ai_response'");

    // An escalation, as staff see it: a person handles it and it waits for them.
    await test.pool.query(
      "update conversations set handled_by = 'human', status = 'pending', escalated_at = now(), escalation_reason = 'quiere hablar con una persona' where id = $1",
      [conversationId],
    );
    await postSigned('whatsapp', tenant.slug, nextMessage('wamid.HB2', '¿Hay alguien?'));
    expect(await aiJobs(conversationId)).toBe(0);

    const handedBack = await changeConversation(test.db, staff, context, {
      change: 'handler',
      conversationId,
      handledBy: 'ai',
    });
    expect(handedBack).toMatchObject({ handled_by: 'ai', status: 'active', escalated_at: null });

    const answered = await postSigned(
      'whatsapp',
      tenant.slug,
      nextMessage('wamid.HB3', 'Gracias, ¿y el precio?'),
    );
    expect(answered.body).toMatchObject({ stored: 1, ai_jobs: 1 });
    expect(await aiJobs(conversationId)).toBe(1);
  });

  it('leaves a resolved conversation resolved', async () => {
    const tenant = await freshWebhookTenant(test);
    const member = await test.db.rpc('admin_seed_staff_member', {
      p_tenant_slug: tenant.slug,
      p_email: `owner@${tenant.slug}.example`,
      p_role: 'owner',
    });
    const staff = staffIdentity(member.user_id, `owner@${tenant.slug}.example`);
    const context = await resolveTenant(test.db, staff, tenant.slug);
    await postSigned('whatsapp', tenant.slug, nextMessage('wamid.HB4', 'Hola'));
    const { rows } = await test.pool.query('select id from conversations where tenant_id = $1', [
      tenant.tenantId,
    ]);
    await test.pool.query(
      "update conversations set status = 'resolved', handled_by = 'human' where id = $1",
      [rows[0].id],
    );
    const handedBack = await changeConversation(test.db, staff, context, {
      change: 'handler',
      conversationId: rows[0].id,
      handledBy: 'ai',
    });
    expect(handedBack).toMatchObject({ handled_by: 'ai', status: 'resolved' });
  });

  it('"Responder ahora con la IA": the message left unanswered while a person handled it gets one reply', async () => {
    const tenant = await freshWebhookTenant(test);
    const member = await test.db.rpc('admin_seed_staff_member', {
      p_tenant_slug: tenant.slug,
      p_email: `owner@${tenant.slug}.example`,
      p_role: 'owner',
    });
    const staff = staffIdentity(member.user_id, `owner@${tenant.slug}.example`);
    const context = await resolveTenant(test.db, staff, tenant.slug);
    await postSigned('whatsapp', tenant.slug, nextMessage('wamid.HB5', 'Hola'));
    const { rows } = await test.pool.query('select id from conversations where tenant_id = $1', [
      tenant.tenantId,
    ]);
    const conversationId: string = rows[0].id;
    await test.pool.query("delete from jobs where job_type = 'ai_response'");
    await test.pool.query("update conversations set handled_by = 'human', status = 'pending' where id = $1", [
      conversationId,
    ]);
    await postSigned('whatsapp', tenant.slug, nextMessage('wamid.HB6', 'Buenas'));
    expect(await requestAiReply(test.db, staff, context, { conversationId })).toEqual({
      outcome: 'human_handled',
    });
    await changeConversation(test.db, staff, context, { change: 'handler', conversationId, handledBy: 'ai' });

    // Asked twice (a double click): one job, for the latest customer message.
    const first = await requestAiReply(test.db, staff, context, { conversationId });
    expect(first).toMatchObject({ outcome: 'queued' });
    await requestAiReply(test.db, staff, context, { conversationId });
    const jobs = await test.pool.query(
      "select payload ->> 'message_id' as message_id from jobs where job_type = 'ai_response' and payload ->> 'conversation_id' = $1",
      [conversationId],
    );
    expect(jobs.rows).toEqual([{ message_id: first.outcome === 'queued' ? first.message_id : '' }]);

    await runJobs(test, replyHandlers);
    const replies = await test.pool.query(
      "select count(*)::int as n from messages where conversation_id = $1 and direction = 'outbound'",
      [conversationId],
    );
    expect(replies.rows[0].n).toBe(1);
    expect(await requestAiReply(test.db, staff, context, { conversationId })).toEqual({
      outcome: 'already_answered',
    });

    // Another business's staff cannot ask for it.
    const other = await freshWebhookTenant(test);
    const stranger = await test.db.rpc('admin_seed_staff_member', {
      p_tenant_slug: other.slug,
      p_email: `owner@${other.slug}.example`,
      p_role: 'owner',
    });
    const strangerStaff = staffIdentity(stranger.user_id, `owner@${other.slug}.example`);
    const strangerContext = await resolveTenant(test.db, strangerStaff, other.slug);
    await expect(
      requestAiReply(test.db, strangerStaff, strangerContext, { conversationId }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenantWithStaff, staffIdentity } from '../support/staff';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { createConversation } from './outbound-fixture';

// send_human_reply: the dashboard's door for staff replies. Staff may only reply in their own
// tenant's conversations; the message and its send job are created together.

let test: TestDatabase;

beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(async () => {
  await test.drop();
});

describe('send_human_reply', () => {
  it('lets a member reply: queued human message plus one send job, in one call', async () => {
    const fixture = await createConversation(test, { channel: 'facebook', slug: 'reply-owner-a' });
    const staff = await createTenantWithStaff(test, 'reply-owner-a-staff');
    await test.pool.query(
      "insert into public.tenant_members (tenant_id, user_id, role) values ($1, $2, 'agent')",
      [fixture.tenantId, staff.userId],
    );
    const message = await test.db.rpc(
      'send_human_reply',
      {
        p_tenant_id: fixture.tenantId,
        p_conversation_id: fixture.conversationId,
        p_user_id: staff.userId,
        p_text: '  Hola, soy Ana  ',
      },
      { as: staff.staff },
    );
    expect(message).toMatchObject({
      direction: 'outbound',
      sender: 'human',
      text: 'Hola, soy Ana',
      sent_by_user_id: staff.userId,
      delivery_status: 'queued',
      tenant_id: fixture.tenantId,
    });
    expect(message).not.toHaveProperty('raw_payload');
    const { rows } = await test.pool.query(
      'select job_type, payload, dedupe_key, tenant_id from public.jobs where dedupe_key = $1',
      [`send:${message.id}`],
    );
    expect(rows).toEqual([
      {
        job_type: 'send_facebook',
        payload: { message_id: message.id },
        dedupe_key: `send:${message.id}`,
        tenant_id: fixture.tenantId,
      },
    ]);
  });

  it("refuses staff of another tenant, even with the victim's ids", async () => {
    const victim = await createConversation(test, { channel: 'whatsapp', slug: 'reply-victim' });
    const attacker = await createTenantWithStaff(test, 'reply-attacker');
    for (const userId of [attacker.userId]) {
      await expect(
        test.db.rpc(
          'send_human_reply',
          {
            p_tenant_id: victim.tenantId,
            p_conversation_id: victim.conversationId,
            p_user_id: userId,
            p_text: 'hi',
          },
          { as: attacker.staff },
        ),
      ).rejects.toMatchObject({ code: 'forbidden' });
    }
    // Own tenant id, victim's conversation: not found, nothing written.
    await expect(
      test.db.rpc(
        'send_human_reply',
        {
          p_tenant_id: attacker.tenantId,
          p_conversation_id: victim.conversationId,
          p_user_id: attacker.userId,
          p_text: 'hi',
        },
        { as: attacker.staff },
      ),
    ).rejects.toMatchObject({ code: 'not_found' });
    const { rows } = await test.pool.query(
      "select count(*)::int as n from public.messages where conversation_id = $1 and direction = 'outbound'",
      [victim.conversationId],
    );
    expect(rows[0].n).toBe(0);
  });

  it('refuses a signed-in user acting as somebody else', async () => {
    const fixture = await createConversation(test, { channel: 'whatsapp', slug: 'reply-impersonation' });
    const real = await createTenantWithStaff(test, 'reply-impersonation-a');
    await test.pool.query(
      "insert into public.tenant_members (tenant_id, user_id, role) values ($1, $2, 'agent')",
      [fixture.tenantId, real.userId],
    );
    const other = await test.pool.query(
      "insert into auth.users (email) values ('other@impersonation.test') returning id",
    );
    await test.pool.query(
      "insert into public.tenant_members (tenant_id, user_id, role) values ($1, $2, 'agent')",
      [fixture.tenantId, other.rows[0].id],
    );
    await expect(
      test.db.rpc(
        'send_human_reply',
        {
          p_tenant_id: fixture.tenantId,
          p_conversation_id: fixture.conversationId,
          p_user_id: other.rows[0].id,
          p_text: 'hi',
        },
        { as: staffIdentity(real.userId) },
      ),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('makes the server (service role) name a member of the tenant', async () => {
    const fixture = await createConversation(test, { channel: 'whatsapp', slug: 'reply-service' });
    const outsider = await createTenantWithStaff(test, 'reply-service-outsider');
    await expect(
      test.db.rpc('send_human_reply', {
        p_tenant_id: fixture.tenantId,
        p_conversation_id: fixture.conversationId,
        p_user_id: outsider.userId,
        p_text: 'hi',
      }),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('rejects empty and over-long replies', async () => {
    const fixture = await createConversation(test, { channel: 'instagram', slug: 'reply-lengths' });
    const staff = await createTenantWithStaff(test, 'reply-lengths-staff');
    await test.pool.query(
      "insert into public.tenant_members (tenant_id, user_id, role) values ($1, $2, 'agent')",
      [fixture.tenantId, staff.userId],
    );
    const call = (text: string) =>
      test.db.rpc('send_human_reply', {
        p_tenant_id: fixture.tenantId,
        p_conversation_id: fixture.conversationId,
        p_user_id: staff.userId,
        p_text: text,
      });
    await expect(call('   ')).rejects.toMatchObject({ code: 'bad_request' });
    await expect(call('x'.repeat(1001))).rejects.toMatchObject({ code: 'bad_request' });
  });

  it('cannot be called by anon', async () => {
    const { rows } = await test.pool.query(
      "select has_function_privilege('anon', 'public.send_human_reply(uuid,uuid,uuid,text)', 'execute') as anon, has_function_privilege('authenticated', 'public.outbound_begin_send(uuid,uuid,text)', 'execute') as staff_begin",
    );
    expect(rows[0]).toEqual({ anon: false, staff_begin: false });
  });
});

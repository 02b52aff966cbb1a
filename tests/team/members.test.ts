import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeMember, setMemberRole } from '@/src/team/manage-members';
import { createTenantWithStaff, staffIdentity } from '../support/staff';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// Role changes and removals: owners and admins only, owners alone touch owners, a business
// always keeps one owner, and every change lands in team_audit_events.

let test: TestDatabase;
let owner: Awaited<ReturnType<typeof createTenantWithStaff>>;

async function seed(email: string, role: 'owner' | 'admin' | 'agent') {
  const member = await test.db.rpc('admin_seed_staff_member', {
    p_tenant_slug: 'pizzeria-roma',
    p_email: email,
    p_role: role,
  });
  return staffIdentity(member.user_id, email);
}

beforeAll(async () => {
  test = await createTestDatabase();
  owner = await createTenantWithStaff(test, 'pizzeria-roma');
});
afterAll(async () => {
  await test.drop();
});

describe('team members', () => {
  it('the last owner can be neither demoted nor removed', async () => {
    const tenantId = owner.tenantId;
    await expect(
      setMemberRole(test.db, owner.staff, { tenantId, userId: owner.userId, role: 'admin' }),
    ).rejects.toMatchObject({
      code: 'conflict',
      details: { reason: 'last_owner' },
    });
    await expect(
      removeMember(test.db, owner.staff, { tenantId, userId: owner.userId }),
    ).rejects.toMatchObject({
      code: 'conflict',
      details: { reason: 'last_owner' },
    });
    const second = await seed('socia@pizzeria-roma.mx', 'owner');
    await setMemberRole(test.db, owner.staff, { tenantId, userId: second.claims.sub, role: 'admin' });
    await expect(
      setMemberRole(test.db, second, { tenantId, userId: owner.userId, role: 'agent' }),
    ).rejects.toMatchObject({
      code: 'forbidden',
      details: { reason: 'owner_only' },
    });
  });

  it('admins change agents and remove them; agents change nothing; all is recorded', async () => {
    const tenantId = owner.tenantId;
    const admin = await seed('gerente@pizzeria-roma.mx', 'admin');
    const agent = await seed('mesero@pizzeria-roma.mx', 'agent');
    await expect(
      setMemberRole(test.db, agent, { tenantId, userId: agent.claims.sub, role: 'admin' }),
    ).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(
      setMemberRole(test.db, admin, { tenantId, userId: agent.claims.sub, role: 'owner' }),
    ).rejects.toMatchObject({
      code: 'forbidden',
    });
    expect(
      await setMemberRole(test.db, admin, { tenantId, userId: agent.claims.sub, role: 'admin' }),
    ).toEqual({ changed: true });
    await removeMember(test.db, admin, { tenantId, userId: agent.claims.sub });
    expect(await test.db.rpc('my_tenants', {}, { as: agent })).toEqual([]);
    await expect(removeMember(test.db, admin, { tenantId, userId: agent.claims.sub })).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(
      setMemberRole(test.db, admin, { tenantId, userId: 'not-a-uuid', role: 'agent' }),
    ).rejects.toMatchObject({
      code: 'bad_request',
    });

    const team = await test.db.rpc('dashboard_team', { p_tenant_id: tenantId }, { as: admin });
    const mine = team.events.filter((event) => event.target_email === 'mesero@pizzeria-roma.mx');
    expect(mine.map((event) => [event.action, event.actor_email, event.details])).toEqual([
      ['member_removed', 'gerente@pizzeria-roma.mx', { role: 'admin' }],
      ['role_changed', 'gerente@pizzeria-roma.mx', { from: 'agent', to: 'admin' }],
      ['member_seeded', null, { role: 'agent' }],
    ]);
    expect(team.members.map((member) => member.email)).not.toContain('mesero@pizzeria-roma.mx');
    await expect(
      test.db.rpc('dashboard_team', { p_tenant_id: tenantId }, { as: agent }),
    ).rejects.toMatchObject({
      code: 'forbidden',
    });
  });

  it('another tenant cannot touch this team', async () => {
    const other = await createTenantWithStaff(test, 'sushi-mar');
    await expect(
      removeMember(test.db, other.staff, { tenantId: owner.tenantId, userId: owner.userId }),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffIdentity } from '@/src/db/rpc-port';
import { acceptInvitation, previewInvitation } from '@/src/team/accept-invitation';
import { createInvitationToken } from '@/src/team/invitation-token';
import { inviteStaff, resendInvitation } from '@/src/team/invite-staff';
import { revokeInvitation } from '@/src/team/manage-members';
import { createTenantWithStaff, staffIdentity } from '../support/staff';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// Invitations are our rows: a membership exists only once the invited address, signed in and
// confirmed, accepts. auth.users here is the local bootstrap's stand-in for Supabase's table
// (same email / email_confirmed_at columns).

let test: TestDatabase;
let owner: Awaited<ReturnType<typeof createTenantWithStaff>>;
const baseUrl = 'https://inbox.example.com';

async function authUser(email: string, confirmed: boolean): Promise<StaffIdentity> {
  const { rows } = await test.pool.query(
    'insert into auth.users (email, email_confirmed_at) values ($1, $2) returning id',
    [email, confirmed ? new Date() : null],
  );
  return staffIdentity(rows[0].id, email);
}

function tokenOf(url: string): string {
  return url.split('/invite/')[1]!;
}

async function memberships(userId: string): Promise<number> {
  const { rows } = await test.pool.query(
    'select count(*)::int as n from public.tenant_members where user_id = $1',
    [userId],
  );
  return rows[0].n;
}

beforeAll(async () => {
  test = await createTestDatabase();
  owner = await createTenantWithStaff(test, 'clinica-sol');
});
afterAll(async () => {
  await test.drop();
});

describe('invitations', () => {
  it("the attacker's early sign-up with a future staff address gets nothing", async () => {
    // The attacker registers the address first (Supabase's open sign-up; never confirmed).
    const attacker = await authUser('nueva.duena@clinica-sol.mx', false);
    // The operator then gives that address the business, as `staff add` does.
    const { tokenHash } = createInvitationToken();
    await test.db.rpc('admin_invite_staff_member', {
      p_tenant_slug: 'clinica-sol',
      p_email: 'Nueva.Duena@clinica-sol.mx',
      p_role: 'owner',
      p_token_hash: tokenHash,
    });
    expect(await memberships(attacker.claims.sub)).toBe(0);
    expect(await test.db.rpc('my_tenants', {}, { as: attacker })).toEqual([]);
    await expect(
      test.db.rpc('accept_staff_invitation', { p_token_hash: tokenHash }, { as: attacker }),
    ).rejects.toMatchObject({ code: 'forbidden', details: { reason: 'email_unconfirmed' } });
    expect(await memberships(attacker.claims.sub)).toBe(0);
  });

  it('an owner invites; only the invited, confirmed address can accept, once', async () => {
    const sent = await inviteStaff(test.db, owner.staff, {
      tenantId: owner.tenantId,
      baseUrl,
      email: 'Recepcion@Clinica-Sol.mx',
      role: 'agent',
    });
    expect(sent).toMatchObject({ email: 'recepcion@clinica-sol.mx', role: 'agent' });
    expect(sent.url).toMatch(/^https:\/\/inbox\.example\.com\/invite\/[A-Za-z0-9_-]{43}$/);
    const token = tokenOf(sent.url);

    const stored = await test.pool.query('select token_hash from public.staff_invitations where id = $1', [
      sent.id,
    ]);
    expect(Buffer.from(stored.rows[0].token_hash).toString('utf8')).not.toContain(token);

    const someoneElse = await authUser('otra@ejemplo.mx', true);
    expect(await previewInvitation(test.db, someoneElse, token)).toMatchObject({
      tenant_name: 'Tenant clinica-sol',
      role: 'agent',
    });
    await expect(acceptInvitation(test.db, someoneElse, token)).rejects.toMatchObject({
      code: 'forbidden',
      details: { reason: 'invitation_other_email' },
    });
    expect(await memberships(someoneElse.claims.sub)).toBe(0);

    const invited = await authUser('recepcion@clinica-sol.mx', true);
    expect(await acceptInvitation(test.db, invited, token)).toEqual({
      tenantSlug: 'clinica-sol',
      role: 'agent',
    });
    expect(await test.db.rpc('my_tenants', {}, { as: invited })).toMatchObject([
      { slug: 'clinica-sol', role: 'agent' },
    ]);
    await expect(acceptInvitation(test.db, invited, token)).rejects.toMatchObject({ code: 'not_found' });
    await expect(
      inviteStaff(test.db, owner.staff, {
        tenantId: owner.tenantId,
        baseUrl,
        email: 'recepcion@clinica-sol.mx',
        role: 'admin',
      }),
    ).rejects.toMatchObject({ code: 'conflict', details: { reason: 'already_member' } });
  });

  it('resending replaces the link; revoking kills it; both are recorded', async () => {
    const first = await inviteStaff(test.db, owner.staff, {
      tenantId: owner.tenantId,
      baseUrl,
      email: 'doctora@clinica-sol.mx',
      role: 'admin',
    });
    const second = await resendInvitation(test.db, owner.staff, {
      tenantId: owner.tenantId,
      baseUrl,
      invitationId: first.id,
    });
    expect(second.id).toBe(first.id);
    const doctora = await authUser('doctora@clinica-sol.mx', true);
    await expect(acceptInvitation(test.db, doctora, tokenOf(first.url))).rejects.toMatchObject({
      code: 'not_found',
    });
    await revokeInvitation(test.db, owner.staff, { tenantId: owner.tenantId, invitationId: first.id });
    await expect(acceptInvitation(test.db, doctora, tokenOf(second.url))).rejects.toMatchObject({
      code: 'not_found',
    });
    expect(await memberships(doctora.claims.sub)).toBe(0);

    const team = await test.db.rpc('dashboard_team', { p_tenant_id: owner.tenantId }, { as: owner.staff });
    const actions = team.events
      .filter((event) => event.target_email === 'doctora@clinica-sol.mx')
      .map((event) => [event.action, event.actor_email]);
    expect(actions).toEqual([
      ['invitation_revoked', 'owner@clinica-sol.example'],
      ['invitation_resent', 'owner@clinica-sol.example'],
      ['invitation_created', 'owner@clinica-sol.example'],
    ]);
    expect(team.invitations.some((invitation) => invitation.email === 'doctora@clinica-sol.mx')).toBe(false);
  });

  it('an expired invitation is refused', async () => {
    const sent = await inviteStaff(test.db, owner.staff, {
      tenantId: owner.tenantId,
      baseUrl,
      email: 'tarde@clinica-sol.mx',
      role: 'agent',
    });
    await test.pool.query(
      "update public.staff_invitations set expires_at = now() - interval '1 minute' where id = $1",
      [sent.id],
    );
    const late = await authUser('tarde@clinica-sol.mx', true);
    await expect(acceptInvitation(test.db, late, tokenOf(sent.url))).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('agents, other tenants and anon cannot invite; admins cannot hand out the owner role', async () => {
    const other = await createTenantWithStaff(test, 'tacos-luz');
    const { tokenHash } = createInvitationToken();
    const args = {
      p_tenant_id: owner.tenantId,
      p_email: 'x@clinica-sol.mx',
      p_role: 'agent',
      p_token_hash: tokenHash,
    };
    await expect(test.db.rpc('dashboard_invite_staff', args, { as: other.staff })).rejects.toMatchObject({
      code: 'forbidden',
    });
    const agent = await test.db.rpc('admin_seed_staff_member', {
      p_tenant_slug: 'clinica-sol',
      p_email: 'agente@clinica-sol.mx',
      p_role: 'agent',
    });
    await expect(
      test.db.rpc('dashboard_invite_staff', args, { as: staffIdentity(agent.user_id) }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    const admin = await test.db.rpc('admin_seed_staff_member', {
      p_tenant_slug: 'clinica-sol',
      p_email: 'admin@clinica-sol.mx',
      p_role: 'admin',
    });
    await expect(
      test.db.rpc(
        'dashboard_invite_staff',
        { ...args, p_role: 'owner' },
        { as: staffIdentity(admin.user_id) },
      ),
    ).rejects.toMatchObject({ code: 'forbidden', details: { reason: 'owner_only' } });
    await expect(
      test.db.rpc('dashboard_invite_staff', { ...args, p_token_hash: 'short' }, { as: owner.staff }),
    ).rejects.toMatchObject({ code: 'bad_request' });
    const anon = await test.pool.query(
      "select has_function_privilege('anon', 'public.accept_staff_invitation(text)', 'execute') as a, has_function_privilege('authenticated', 'public.admin_invite_staff_member(text, text, text, text, integer)', 'execute') as b",
    );
    expect(anon.rows[0]).toEqual({ a: false, b: false });
  });
});

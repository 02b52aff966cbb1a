import { z } from 'zod';
import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import { AppError } from '@/src/shared/app-error';
import { log } from '@/src/shared/logger';
import { staffRoleSchema } from './invite-staff';

// Role changes, removals and revocations; the SQL checks the caller's role, keeps one owner and
// records every change in team_audit_events.

const memberSchema = z.object({ userId: z.uuid() });

export async function setMemberRole(
  db: DbPort,
  staff: StaffIdentity,
  input: { tenantId: string; userId: unknown; role: unknown },
): Promise<{ changed: boolean }> {
  const parsed = memberSchema.extend({ role: staffRoleSchema }).safeParse(input);
  if (!parsed.success) throw new AppError('bad_request', 'Choose a member and a role');
  const row = await db.rpc(
    'dashboard_set_member_role',
    { p_tenant_id: input.tenantId, p_user_id: parsed.data.userId, p_role: parsed.data.role },
    { as: staff },
  );
  log.info('team.role_changed', { tenantId: input.tenantId, userId: row.user_id, role: row.role });
  return { changed: row.changed };
}

export async function removeMember(
  db: DbPort,
  staff: StaffIdentity,
  input: { tenantId: string; userId: unknown },
): Promise<void> {
  const parsed = memberSchema.safeParse(input);
  if (!parsed.success) throw new AppError('bad_request', 'Choose a member');
  await db.rpc(
    'dashboard_remove_member',
    { p_tenant_id: input.tenantId, p_user_id: parsed.data.userId },
    { as: staff },
  );
  log.info('team.member_removed', { tenantId: input.tenantId, userId: parsed.data.userId });
}

export async function revokeInvitation(
  db: DbPort,
  staff: StaffIdentity,
  input: { tenantId: string; invitationId: unknown },
): Promise<void> {
  const invitationId = z.uuid().safeParse(input.invitationId);
  if (!invitationId.success) throw new AppError('bad_request', 'Unknown invitation');
  await db.rpc(
    'dashboard_revoke_invitation',
    { p_tenant_id: input.tenantId, p_invitation_id: invitationId.data },
    { as: staff },
  );
  log.info('team.invitation_revoked', { tenantId: input.tenantId, invitationId: invitationId.data });
}

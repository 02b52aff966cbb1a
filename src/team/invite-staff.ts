import { z } from 'zod';
import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import { AppError } from '@/src/shared/app-error';
import { log } from '@/src/shared/logger';
import { createInvitationToken, invitationUrl } from './invitation-token';

export const staffRoleSchema = z.enum(['owner', 'admin', 'agent']);
const inviteSchema = z.object({ email: z.email().max(320), role: staffRoleSchema });

export type SentInvitation = { id: string; email: string; role: string; url: string; expiresAt: string };

/** An owner or admin invites an address; the SQL checks their role. Returns the link to send. */
export async function inviteStaff(
  db: DbPort,
  staff: StaffIdentity,
  input: { tenantId: string; baseUrl: string; email: unknown; role: unknown },
): Promise<SentInvitation> {
  const parsed = inviteSchema.safeParse({ email: input.email, role: input.role });
  if (!parsed.success) throw new AppError('bad_request', 'Enter a valid email address and role');
  const { token, tokenHash } = createInvitationToken();
  const row = await db.rpc(
    'dashboard_invite_staff',
    {
      p_tenant_id: input.tenantId,
      p_email: parsed.data.email,
      p_role: parsed.data.role,
      p_token_hash: tokenHash,
    },
    { as: staff },
  );
  log.info('team.invitation_created', { tenantId: input.tenantId, invitationId: row.id, role: row.role });
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    url: invitationUrl(input.baseUrl, token),
    expiresAt: row.expires_at,
  };
}

/** A new link for a pending invitation; the old one stops working. */
export async function resendInvitation(
  db: DbPort,
  staff: StaffIdentity,
  input: { tenantId: string; baseUrl: string; invitationId: unknown },
): Promise<SentInvitation> {
  const invitationId = z.uuid().safeParse(input.invitationId);
  if (!invitationId.success) throw new AppError('bad_request', 'Unknown invitation');
  const { token, tokenHash } = createInvitationToken();
  const row = await db.rpc(
    'dashboard_resend_invitation',
    { p_tenant_id: input.tenantId, p_invitation_id: invitationId.data, p_token_hash: tokenHash },
    { as: staff },
  );
  log.info('team.invitation_resent', { tenantId: input.tenantId, invitationId: row.id });
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    url: invitationUrl(input.baseUrl, token),
    expiresAt: row.expires_at,
  };
}

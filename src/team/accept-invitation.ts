import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import { AppError } from '@/src/shared/app-error';
import { log } from '@/src/shared/logger';
import { hashInvitationToken, isInvitationTokenShape } from './invitation-token';

// The invited person, signed in, accepts. The SQL decides: the signed-in address must be the
// invited one and confirmed; otherwise nothing changes.
export async function acceptInvitation(
  db: DbPort,
  staff: StaffIdentity,
  token: string,
): Promise<{ tenantSlug: string; role: string }> {
  if (!isInvitationTokenShape(token)) throw new AppError('not_found', 'This invitation is not valid');
  const row = await db.rpc(
    'accept_staff_invitation',
    { p_token_hash: hashInvitationToken(token) },
    { as: staff },
  );
  log.info('team.invitation_accepted', { tenantId: row.tenant_id, userId: staff.claims.sub, role: row.role });
  return { tenantSlug: row.tenant_slug, role: row.role };
}

export async function previewInvitation(db: DbPort, staff: StaffIdentity, token: string) {
  if (!isInvitationTokenShape(token)) throw new AppError('not_found', 'This invitation is not valid');
  return db.rpc('invitation_preview', { p_token_hash: hashInvitationToken(token) }, { as: staff });
}

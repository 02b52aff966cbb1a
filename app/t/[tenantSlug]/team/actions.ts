'use server';

import { revalidatePath } from 'next/cache';
import { clientIp } from '@/src/accounts/client-ip';
import { enforceRateLimit } from '@/src/accounts/rate-limit';
import { publicBaseUrl } from '@/src/dashboard/public-base-url';
import { runStaffAction } from '@/src/dashboard/run-staff-action';
import { emailInvitation } from '@/src/team/email-invitation';
import { inviteStaff, resendInvitation } from '@/src/team/invite-staff';
import { removeMember, revokeInvitation, setMemberRole } from '@/src/team/manage-members';
import type { ActionState } from '@/src/ui/action-state';

const reasons = (t: { team: { reasons: Record<string, string> } }) => t.team.reasons;

export async function inviteAction(_state: ActionState, data: FormData): Promise<ActionState> {
  return runStaffAction(
    data,
    async ({ db, staff, tenant, env, t, form }) => {
      await enforceRateLimit(db, 'invite', { ip: await clientIp(), email: form.email });
      const sent = await inviteStaff(db, staff, {
        tenantId: tenant.id,
        baseUrl: await publicBaseUrl(env),
        email: form.email,
        role: form.role,
      });
      const mailed = await emailInvitation(env, { email: sent.email, invitationUrl: sent.url });
      revalidatePath(`/t/${tenant.slug}/team`);
      return {
        notice: t.team.invited(sent.email),
        lines: [sent.url, mailed === 'emailed' ? t.team.emailed : t.team.notEmailed],
      };
    },
    { reasons },
  );
}

export async function resendAction(_state: ActionState, data: FormData): Promise<ActionState> {
  return runStaffAction(
    data,
    async ({ db, staff, tenant, env, t, form }) => {
      await enforceRateLimit(db, 'invite', { ip: await clientIp(), email: form.invitationId });
      const sent = await resendInvitation(db, staff, {
        tenantId: tenant.id,
        baseUrl: await publicBaseUrl(env),
        invitationId: form.invitationId,
      });
      revalidatePath(`/t/${tenant.slug}/team`);
      return { notice: t.team.resent(sent.email), lines: [sent.url] };
    },
    { reasons },
  );
}

export async function revokeAction(_state: ActionState, data: FormData): Promise<ActionState> {
  return runStaffAction(
    data,
    async ({ db, staff, tenant, t, form }) => {
      await revokeInvitation(db, staff, { tenantId: tenant.id, invitationId: form.invitationId });
      revalidatePath(`/t/${tenant.slug}/team`);
      return t.team.revoked;
    },
    { reasons },
  );
}

export async function setRoleAction(_state: ActionState, data: FormData): Promise<ActionState> {
  return runStaffAction(
    data,
    async ({ db, staff, tenant, t, form }) => {
      const { changed } = await setMemberRole(db, staff, {
        tenantId: tenant.id,
        userId: form.userId,
        role: form.role,
      });
      revalidatePath(`/t/${tenant.slug}/team`);
      return changed ? t.team.roleSaved : t.team.roleUnchanged;
    },
    { reasons },
  );
}

export async function removeAction(_state: ActionState, data: FormData): Promise<ActionState> {
  return runStaffAction(
    data,
    async ({ db, staff, tenant, t, form }) => {
      await removeMember(db, staff, { tenantId: tenant.id, userId: form.userId });
      revalidatePath(`/t/${tenant.slug}/team`);
      return t.team.removed;
    },
    { reasons },
  );
}

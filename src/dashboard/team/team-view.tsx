import type { Messages } from '@/src/i18n/messages-es';
import { ActionForm } from '@/src/ui/action-form';
import type { ActionState } from '@/src/ui/action-state';
import { Badge } from '@/src/ui/badge';
import { CardSection } from '@/src/ui/card-section';
import { formatDateTime } from '@/src/ui/format-date';
import { SelectField } from '@/src/ui/select-field';
import { ui } from '@/src/ui/styles';
import { TextField } from '@/src/ui/text-field';
import type { TenantContext } from '../tenants/resolve-tenant';
import type { TeamView as Team } from './load-team';

type Action = (state: ActionState, data: FormData) => Promise<ActionState>;
export type TeamActions = { invite: Action; resend: Action; revoke: Action; setRole: Action; remove: Action };

const roles = ['agent', 'admin', 'owner'] as const;

// The team page: invite, pending invitations, members (role, removal) and the history.
export function TeamView({
  team,
  tenant,
  t,
  actions,
}: {
  team: Team;
  tenant: TenantContext;
  t: Messages;
  actions: TeamActions;
}) {
  const m = t.team;
  // Admins cannot hand out the owner role (the SQL refuses it too).
  const roleOptions = roles
    .filter((role) => role !== 'owner' || tenant.role === 'owner')
    .map((role) => ({ value: role, label: t.roles[role] }));
  const when = (iso: string) => formatDateTime(iso, t.locale, tenant.timezone);
  const hidden = <input type="hidden" name="tenantSlug" value={tenant.slug} />;
  return (
    <div className="space-y-6">
      <CardSection id="team-invite" title={m.inviteTitle}>
        <p className={`mt-1 ${ui.muted}`}>{m.inviteHelp}</p>
        <ActionForm
          action={actions.invite}
          className="mt-4 grid gap-4 sm:grid-cols-[2fr_1fr_auto] sm:items-end"
          resetOnSuccess
        >
          {hidden}
          <TextField
            id="invite-email"
            name="email"
            label={m.email}
            type="email"
            required
            autoComplete="off"
          />
          <SelectField
            id="invite-role"
            name="role"
            label={m.role}
            options={roleOptions}
            defaultValue="agent"
          />
          <button type="submit" className={`${ui.button} w-full sm:w-auto`}>
            {m.invite}
          </button>
        </ActionForm>
        <p className={`mt-2 ${ui.help}`}>{m.roleHelp}</p>
      </CardSection>

      <CardSection id="team-pending" title={m.pendingTitle}>
        {team.invitations.length === 0 ? (
          <p className={`mt-3 ${ui.muted}`}>{m.noPending}</p>
        ) : (
          <ul className="mt-3 divide-y divide-slate-100">
            {team.invitations.map((invitation) => (
              <li key={invitation.id} className="py-3" data-testid="pending-invitation">
                <div className="flex flex-wrap items-center gap-2 text-sm">
                  <span className="break-all font-medium text-slate-900">{invitation.email}</span>
                  <Badge>{t.roles[invitation.role]}</Badge>
                  {invitation.expired && <Badge tone="warn">{m.expired}</Badge>}
                </div>
                <p className="mt-1 text-xs text-slate-600">
                  {m.sentAt}: {when(invitation.sent_at)} · {m.expiresAt}: {when(invitation.expires_at)}
                </p>
                <div className="mt-2 flex flex-wrap gap-2">
                  <ActionForm action={actions.resend}>
                    {hidden}
                    <input type="hidden" name="invitationId" value={invitation.id} />
                    <button type="submit" className={ui.buttonSecondary}>
                      {m.resend}
                    </button>
                  </ActionForm>
                  <ActionForm action={actions.revoke}>
                    {hidden}
                    <input type="hidden" name="invitationId" value={invitation.id} />
                    <button type="submit" className={ui.buttonDanger}>
                      {m.revoke}
                    </button>
                  </ActionForm>
                </div>
              </li>
            ))}
          </ul>
        )}
      </CardSection>

      <CardSection id="team-members" title={m.membersTitle}>
        <ul className="mt-3 divide-y divide-slate-100">
          {team.members.map((member) => (
            <li key={member.user_id} className="py-3" data-testid="team-member">
              <div className="flex flex-wrap items-center gap-2 text-sm">
                <span className="break-all font-medium text-slate-900">{member.email}</span>
                {member.is_me && <span className="text-slate-600">{m.you}</span>}
                <Badge tone={member.role === 'owner' ? 'info' : 'neutral'}>{t.roles[member.role]}</Badge>
              </div>
              <p className="mt-1 text-xs text-slate-600">
                {m.since}: {when(member.created_at)}
              </p>
              {(tenant.role === 'owner' || member.role !== 'owner') && (
                <div className="mt-2 flex flex-wrap items-end gap-2">
                  <ActionForm action={actions.setRole} className="flex flex-wrap items-end gap-2">
                    {hidden}
                    <input type="hidden" name="userId" value={member.user_id} />
                    <SelectField
                      id={`role-${member.user_id}`}
                      name="role"
                      label={<span className="sr-only">{m.roleFor(member.email)}</span>}
                      options={roleOptions}
                      defaultValue={member.role}
                    />
                    <button type="submit" className={ui.buttonSecondary}>
                      {m.saveRole}
                    </button>
                  </ActionForm>
                  {/* Removing cuts access at once: a second, explicit click, without JavaScript. */}
                  <details className="w-full sm:w-auto">
                    <summary className={`${ui.buttonDanger} cursor-pointer list-none`}>{m.remove}</summary>
                    <ActionForm action={actions.remove} className="mt-2 rounded-lg bg-rose-50 p-3">
                      {hidden}
                      <input type="hidden" name="userId" value={member.user_id} />
                      <p className="text-sm text-rose-900">{m.removeConfirm(member.email)}</p>
                      <button type="submit" className={`${ui.buttonDanger} mt-2`}>
                        {m.removeYes}
                      </button>
                    </ActionForm>
                  </details>
                </div>
              )}
            </li>
          ))}
        </ul>
      </CardSection>

      <CardSection id="team-history" title={m.historyTitle}>
        {team.events.length === 0 ? (
          <p className={`mt-3 ${ui.muted}`}>{m.noHistory}</p>
        ) : (
          <ul className="mt-3 space-y-2 text-sm text-slate-800">
            {team.events.map((event) => (
              <li key={event.id}>
                <span className="text-xs text-slate-600">{when(event.created_at)}</span>{' '}
                <span className="break-words">
                  {event.actor_email ?? m.operator} {m.actions[event.action] ?? event.action}{' '}
                  {event.target_email ?? ''}
                  {typeof event.details.to === 'string' && ` → ${t.roles[event.details.to as 'agent'] ?? ''}`}
                </span>
              </li>
            ))}
          </ul>
        )}
      </CardSection>
    </div>
  );
}

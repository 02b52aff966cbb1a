import Link from 'next/link';
import type { Messages } from '@/src/i18n/messages-es';
import { ActionForm } from '@/src/ui/action-form';
import type { ActionState } from '@/src/ui/action-state';
import { formatDateTime } from '@/src/ui/format-date';
import { ui } from '@/src/ui/styles';
import type { ConversationTeamwork, TeamworkLists } from './load-teamwork';
import { TagChips } from './tag-chips';

type Action = (state: ActionState, data: FormData) => Promise<ActionState>;
export type TeamworkActions = { assign: Action; escalate: Action; note: Action; tag: Action };

function eventText(event: ConversationTeamwork['events'][number], t: Messages): string {
  const w = t.teamwork;
  const actor = event.actor_email ?? w.someone;
  if (event.kind === 'assigned') return w.eventAssigned(actor, event.assignee_email ?? w.someone);
  if (event.kind === 'unassigned') return w.eventUnassigned(actor);
  return w.eventEscalated(actor, event.reason ?? '');
}

// The side card of a conversation's teamwork: who it is assigned to, hand to a person with a
// reason, the tags of the conversation and of its customer, and the history of those changes.
export function TeamworkPanel({
  conversationId,
  leadId,
  open,
  tenantSlug,
  timezone,
  work,
  lists,
  actions,
  tagsHref,
  t,
}: {
  conversationId: string;
  leadId: string;
  open: boolean;
  tenantSlug: string;
  timezone: string;
  work: ConversationTeamwork;
  lists: TeamworkLists;
  actions: TeamworkActions;
  tagsHref: string;
  t: Messages;
}) {
  const w = t.teamwork;
  const hidden = (
    <>
      <input type="hidden" name="tenantSlug" value={tenantSlug} />
      <input type="hidden" name="conversationId" value={conversationId} />
    </>
  );
  return (
    <div className={`${ui.card} space-y-4`} data-testid="teamwork-panel">
      <ActionForm action={actions.assign} label={w.assignee}>
        <div className="space-y-2">
          {hidden}
          <label htmlFor="assignee" className={ui.label}>
            {w.assignee}
          </label>
          <div className="flex gap-2">
            <select id="assignee" name="assignee" defaultValue={work.assigned_to ?? ''} className={ui.input}>
              <option value="">{w.team}</option>
              {lists.members.map((member) => (
                <option key={member.user_id} value={member.user_id}>
                  {member.email}
                </option>
              ))}
            </select>
            <button type="submit" className={`${ui.buttonSecondary} mt-1`}>
              {w.assign}
            </button>
          </div>
        </div>
      </ActionForm>
      {open && (
        <details className="rounded-lg border border-slate-200 p-3">
          <summary className={`cursor-pointer text-sm font-medium text-slate-800 ${ui.focus}`}>
            {w.escalateTitle}
          </summary>
          <ActionForm action={actions.escalate} resetOnSuccess label={w.escalateTitle}>
            <div className="mt-2 space-y-2">
              {hidden}
              <p className={ui.help}>{w.escalateHelp}</p>
              <label htmlFor="escalate-reason" className={ui.label}>
                {w.escalateReason}
              </label>
              <textarea
                id="escalate-reason"
                name="reason"
                rows={2}
                maxLength={500}
                required
                className={ui.input}
              />
              <button type="submit" className={ui.buttonSecondary}>
                {w.escalate}
              </button>
            </div>
          </ActionForm>
        </details>
      )}
      <section aria-label={w.tags} className="space-y-3">
        <h2 className="text-sm font-semibold text-slate-900">{w.tags}</h2>
        {lists.tags.length === 0 ? (
          <p className={ui.help}>
            {w.noTags}{' '}
            <Link href={tagsHref} className={ui.link}>
              {w.manageTags}
            </Link>
          </p>
        ) : (
          <>
            <TagChips
              action={actions.tag}
              tenantSlug={tenantSlug}
              target="conversation"
              targetId={conversationId}
              tags={lists.tags}
              applied={work.conversation_tags}
              heading={w.conversationTags}
              t={t}
            />
            <TagChips
              action={actions.tag}
              tenantSlug={tenantSlug}
              target="lead"
              targetId={leadId}
              tags={lists.tags}
              applied={work.lead_tags}
              heading={w.leadTags}
              t={t}
            />
          </>
        )}
      </section>
      {work.events.length > 0 && (
        <section aria-label={w.history}>
          <h2 className="text-sm font-semibold text-slate-900">{w.history}</h2>
          <ol className="mt-1 space-y-1 text-xs text-slate-700" data-testid="teamwork-history">
            {work.events.map((event) => (
              <li key={event.id}>
                <time dateTime={event.created_at} className="text-slate-600">
                  {formatDateTime(event.created_at, t.locale, timezone)}
                </time>{' '}
                {eventText(event, t)}
              </li>
            ))}
          </ol>
        </section>
      )}
    </div>
  );
}

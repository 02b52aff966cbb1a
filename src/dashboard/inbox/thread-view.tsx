import Link from 'next/link';
import type { ReactNode } from 'react';
import { type Channel, channelAdapter } from '@/src/channels/channel-registry';
import type { Messages } from '@/src/i18n/messages-es';
import { ActionForm } from '@/src/ui/action-form';
import type { ActionState } from '@/src/ui/action-state';
import { Badge } from '@/src/ui/badge';
import { ui } from '@/src/ui/styles';
import { channelLabel } from '../channel-label';
import type { ConversationTeamwork, TeamworkLists } from '../teamwork/load-teamwork';
import { type Note, NoteBubble } from '../teamwork/note-bubble';
import { NoteComposer } from '../teamwork/note-composer';
import { ReplyBox } from '../teamwork/reply-box';
import { type TeamworkActions, TeamworkPanel } from '../teamwork/teamwork-panel';
import { templateReplyTexts } from '../templates/offered-templates';
import { type OfferedTemplate, TemplateReplyBox } from '../templates/template-reply-box';
import type { TenantContext } from '../tenants/resolve-tenant';
import { TestBadge } from '../test-badge';
import { AttachFile } from './attach-file';
import { attachLimits } from './attach-limits';
import { escalationReasonText } from './escalation-reason-text';
import type { Thread, ThreadMessage } from './load-thread';
import { MessageBubble } from './message-bubble';
import { MessageFiles } from './message-files';
import { ReplyChoicesFields, ServicesMenuButton } from './reply-choices-fields';
import { replyWindowNotice } from './reply-window-notice';

type Action = (state: ActionState, data: FormData) => Promise<ActionState>;

type Teamwork = { work: ConversationTeamwork; lists: TeamworkLists; actions: TeamworkActions };

/** Messages and internal notes in one timeline, oldest first. */
function timeline(messages: ThreadMessage[], notes: Note[]) {
  const items = [
    ...messages.map((message) => ({ at: message.created_at, message, note: null })),
    ...notes.map((note) => ({ at: note.created_at, message: null, note })),
  ];
  return items.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

function ChangeButton({
  action,
  tenantSlug,
  conversationId,
  fields,
  label,
  secondary = true,
}: {
  action: Action;
  tenantSlug: string;
  conversationId: string;
  fields: Record<string, string>;
  label: string;
  secondary?: boolean;
}) {
  return (
    <ActionForm action={action}>
      <input type="hidden" name="tenantSlug" value={tenantSlug} />
      <input type="hidden" name="conversationId" value={conversationId} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className={secondary ? ui.buttonSecondary : ui.button}>
        {label}
      </button>
    </ActionForm>
  );
}

export function ThreadView({
  thread,
  tenant,
  t,
  changeAction,
  replyAction,
  answerNowAction,
  now,
  tiktokWindowHours,
  appointments,
  teamwork,
  templateReply,
  hasServices = false,
}: {
  thread: Thread;
  tenant: TenantContext;
  t: Messages;
  changeAction: Action;
  replyAction: Action;
  answerNowAction: Action;
  now: number;
  tiktokWindowHours: number;
  /** The lead's appointments card, under the lead's card. */
  appointments?: ReactNode;
  /** Assignment, escalation, notes, tags and quick replies (issue 18 §2). */
  teamwork: Teamwork;
  /** WhatsApp after 24 h: the approved templates the reply box offers instead of free text. */
  templateReply?: { action: Action; templates: OfferedTemplate[] };
  /** The tenant has active services: the reply box offers the services menu. */
  hasServices?: boolean;
}) {
  const i = t.inbox;
  const { conversation: c, lead } = thread;
  const open = c.status === 'active' || c.status === 'pending';
  const common = { action: changeAction, tenantSlug: tenant.slug, conversationId: c.id };
  const channel = c.channel as Channel;
  const windowNotice = replyWindowNotice(channel, c.last_inbound_at, now, tiktokWindowHours);
  // After a hand-back the AI waits for the customer's next message; staff may ask it to answer now.
  const awaitingAnswer =
    c.handled_by === 'ai' && open && thread.latest && thread.messages.at(-1)?.direction === 'inbound';
  const threadPath = `/t/${tenant.slug}/inbox/${c.id}`;
  const w = t.teamwork;
  const { work, lists } = teamwork;
  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_18rem]">
      <section aria-labelledby="thread-title" className="min-w-0">
        <div className="flex flex-wrap items-center gap-2">
          <h1 id="thread-title" className={ui.h1}>
            {lead.name ?? i.unnamed}
          </h1>
          {c.is_test && <TestBadge t={t} />}
          <Badge>{channelLabel(t, c.channel)}</Badge>
          <Badge>{t.conversationStatus[c.status]}</Badge>
          <Badge tone={c.handled_by === 'human' ? 'warn' : 'info'}>
            {i.handledBy}: {t.handledBy[c.handled_by]}
          </Badge>
          {c.escalated_at && <Badge tone="bad">{i.escalated}</Badge>}
          <Badge tone={work.assignee_email ? 'info' : 'neutral'}>
            <span data-testid="assignee">
              {w.assignee}: {work.assignee_email ?? w.team}
            </span>
          </Badge>
        </div>
        {c.handled_by === 'ai' && open && (
          // On a phone the side card comes after the messages: take over from the top.
          <div className="mt-3 lg:hidden" data-testid="take-over-top">
            <ChangeButton
              {...common}
              fields={{ change: 'handler', handledBy: 'human' }}
              label={i.takeOver}
              secondary={false}
            />
          </div>
        )}
        {c.escalation_reason && (
          <p className="mt-2 text-sm text-rose-800">
            {i.escalationReason(escalationReasonText(c.escalation_reason, i.escalationReasons))}
          </p>
        )}
        {thread.older && (
          <p className="mt-4">
            <Link
              href={`${threadPath}?before=${thread.older}`}
              className={ui.buttonSecondary}
              data-testid="older"
            >
              {t.finding.olderMessages}
            </Link>
          </p>
        )}
        <ol className="mt-4 space-y-3 rounded-xl bg-slate-100 p-4" aria-label={i.messages}>
          {timeline(thread.messages, work.notes).map((item) =>
            item.note ? (
              <NoteBubble key={item.note.id} note={item.note} t={t} timezone={tenant.timezone} />
            ) : (
              <MessageBubble
                key={item.message.id}
                message={item.message}
                t={t}
                timezone={tenant.timezone}
                files={
                  thread.files[item.message.id] && (
                    <MessageFiles files={thread.files[item.message.id]} tenantSlug={tenant.slug} t={t} />
                  )
                }
              />
            ),
          )}
        </ol>
        {!thread.latest && (
          <p className="mt-4">
            <Link href={threadPath} className={ui.buttonSecondary}>
              {t.finding.newestMessages}
            </Link>
          </p>
        )}
        {/* On a phone the reply box stays at the bottom of the screen while the messages scroll. */}
        <div
          className="sticky bottom-0 z-10 -mx-4 mt-4 bg-slate-50/95 px-4 py-2 lg:static lg:mx-0 lg:bg-transparent lg:p-0"
          data-testid="reply-dock"
        >
          {c.handled_by === 'human' &&
          open &&
          templateReply &&
          windowNotice === 'whatsapp_template_required' ? (
            <TemplateReplyBox
              action={templateReply.action}
              tenantSlug={tenant.slug}
              conversationId={c.id}
              windowNotice={i.replyWindow[windowNotice] ?? ''}
              templates={templateReply.templates}
              templatesHref={`/t/${tenant.slug}/templates`}
              t={templateReplyTexts(t.templates)}
            />
          ) : c.handled_by === 'human' && open ? (
            <>
              <ReplyBox
                action={replyAction}
                tenantSlug={tenant.slug}
                conversationId={c.id}
                maxLength={channelAdapter(channel).textLimit.max}
                windowNotice={windowNotice ? (i.replyWindow[windowNotice] ?? null) : null}
                quickReplies={lists.quick_replies}
                extra={{
                  fields: <ReplyChoicesFields channel={channel} t={t} />,
                  actions: hasServices ? <ServicesMenuButton t={t} /> : null,
                }}
                t={t}
              />
              {/* Files follow the same window as words: none while it is closed. */}
              {(!windowNotice || windowNotice === 'human_agent_tag') && (
                <AttachFile
                  tenantSlug={tenant.slug}
                  conversationId={c.id}
                  channel={channel}
                  channelName={channelLabel(t, channel)}
                  limits={attachLimits(channel)}
                  language={t.locale.startsWith('en') ? 'en' : 'es'}
                />
              )}
            </>
          ) : open ? (
            <p className={ui.muted}>{i.replyNeedsTakeOver}</p>
          ) : null}
        </div>
        <div className="mt-4">
          <NoteComposer
            action={teamwork.actions.note}
            tenantSlug={tenant.slug}
            conversationId={c.id}
            members={lists.members}
            texts={{
              title: w.noteTitle,
              label: w.noteLabel,
              help: w.noteHelp,
              save: w.addNote,
              list: w.membersList,
              empty: w.noMemberMatch,
            }}
          />
        </div>
      </section>
      <aside className="space-y-4">
        <div className={`${ui.card} space-y-3`}>
          <p className="text-sm text-slate-700">
            {c.handled_by === 'human' ? i.handledByHuman : i.handledByAi}
          </p>
          {c.handled_by === 'ai' ? (
            <ChangeButton
              {...common}
              fields={{ change: 'handler', handledBy: 'human' }}
              label={i.takeOver}
              secondary={false}
            />
          ) : (
            <ChangeButton {...common} fields={{ change: 'handler', handledBy: 'ai' }} label={i.handBack} />
          )}
          {awaitingAnswer && (
            <div data-testid="answer-now">
              <p className="text-xs text-slate-600">{i.answerNowHelp}</p>
              <ChangeButton {...common} action={answerNowAction} fields={{}} label={i.answerNow} />
            </div>
          )}
          {open ? (
            <div className="flex flex-wrap gap-2">
              <ChangeButton {...common} fields={{ change: 'status', status: 'resolved' }} label={i.resolve} />
              <ChangeButton {...common} fields={{ change: 'status', status: 'closed' }} label={i.close} />
            </div>
          ) : (
            <ChangeButton {...common} fields={{ change: 'status', status: 'active' }} label={i.reopen} />
          )}
        </div>
        <TeamworkPanel
          conversationId={c.id}
          leadId={lead.id}
          open={open}
          tenantSlug={tenant.slug}
          timezone={tenant.timezone}
          work={work}
          lists={lists}
          actions={teamwork.actions}
          tagsHref={`/t/${tenant.slug}/tags`}
          t={t}
        />
        <div className={ui.card}>
          <h2 className="text-sm font-semibold text-slate-900">{i.lead}</h2>
          <p className="mt-2 flex items-center gap-2 text-sm">
            <Badge tone={lead.classification as 'hot'}>
              {t.classification[lead.classification as 'hot'] ?? lead.classification}
            </Badge>
            <span>
              {i.score}: <strong data-testid="lead-score">{lead.score}</strong>
            </span>
          </p>
          <Link
            href={`/t/${tenant.slug}/leads/${lead.id}`}
            className={`mt-3 inline-block text-sm ${ui.link}`}
          >
            {i.viewLead}
          </Link>
        </div>
        {appointments}
      </aside>
    </div>
  );
}

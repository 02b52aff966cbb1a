import Link from 'next/link';
import type { ReactNode } from 'react';
import { type Channel, channelAdapter } from '@/src/channels/channel-registry';
import type { Messages } from '@/src/i18n/messages-es';
import { ActionForm } from '@/src/ui/action-form';
import type { ActionState } from '@/src/ui/action-state';
import { Badge } from '@/src/ui/badge';
import { ui } from '@/src/ui/styles';
import { TextField } from '@/src/ui/text-field';
import { channelLabel } from '../channel-label';
import type { TenantContext } from '../tenants/resolve-tenant';
import { escalationReasonText } from './escalation-reason-text';
import type { Thread } from './load-thread';
import { MessageBubble } from './message-bubble';
import { replyWindowNotice } from './reply-window-notice';

type Action = (state: ActionState, data: FormData) => Promise<ActionState>;

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
  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_18rem]">
      <section aria-labelledby="thread-title" className="min-w-0">
        <div className="flex flex-wrap items-center gap-2">
          <h1 id="thread-title" className={ui.h1}>
            {lead.name ?? i.unnamed}
          </h1>
          <Badge>{channelLabel(t, c.channel)}</Badge>
          <Badge>{t.conversationStatus[c.status]}</Badge>
          <Badge tone={c.handled_by === 'human' ? 'warn' : 'info'}>
            {i.handledBy}: {t.handledBy[c.handled_by]}
          </Badge>
          {c.escalated_at && <Badge tone="bad">{i.escalated}</Badge>}
        </div>
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
          {thread.messages.map((message) => (
            <MessageBubble key={message.id} message={message} t={t} timezone={tenant.timezone} />
          ))}
        </ol>
        {!thread.latest && (
          <p className="mt-4">
            <Link href={threadPath} className={ui.buttonSecondary}>
              {t.finding.newestMessages}
            </Link>
          </p>
        )}
        <div className="mt-4">
          {c.handled_by === 'human' && open ? (
            <ActionForm action={replyAction} resetOnSuccess className={ui.card} label={i.reply}>
              <div className="space-y-3">
                <input type="hidden" name="tenantSlug" value={tenant.slug} />
                <input type="hidden" name="conversationId" value={c.id} />
                <TextField
                  id="reply-text"
                  name="text"
                  label={i.replyLabel}
                  rows={3}
                  required
                  maxLength={channelAdapter(channel).textLimit.max}
                  describedBy={windowNotice ? 'reply-window' : undefined}
                />
                {windowNotice && (
                  <p id="reply-window" className="text-xs text-amber-900" data-testid="reply-window">
                    {i.replyWindow[windowNotice]}
                  </p>
                )}
                <button type="submit" className={ui.button}>
                  {i.replySend}
                </button>
              </div>
            </ActionForm>
          ) : open ? (
            <p className={ui.muted}>{i.replyNeedsTakeOver}</p>
          ) : null}
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

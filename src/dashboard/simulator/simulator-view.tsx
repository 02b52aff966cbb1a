import Link from 'next/link';
import { type Channel, channelNames } from '@/src/channels/channel-registry';
import type { Messages } from '@/src/i18n/messages-es';
import { ActionForm } from '@/src/ui/action-form';
import type { ActionState } from '@/src/ui/action-state';
import { Badge } from '@/src/ui/badge';
import { formatTime } from '@/src/ui/format-date';
import { ui } from '@/src/ui/styles';
import type { TenantContext } from '../tenants/resolve-tenant';
import type { SimulatorThread } from './load-simulator-thread';

export function SimulatorView({
  thread,
  channel,
  from,
  tenant,
  t,
  action,
}: {
  thread: SimulatorThread;
  channel: Channel;
  from: string;
  tenant: TenantContext;
  t: Messages;
  action: (state: ActionState, data: FormData) => Promise<ActionState>;
}) {
  const s = t.simulator;
  return (
    <div className="grid gap-6 lg:grid-cols-[22rem_1fr]">
      <div className="space-y-4">
        <form method="get" className={`${ui.card} space-y-3`} aria-label={s.channel}>
          <div>
            <label htmlFor="sim-channel" className={ui.label}>
              {s.channel}
            </label>
            <select id="sim-channel" name="channel" defaultValue={channel} className={ui.input}>
              {channelNames.map((name) => (
                <option key={name} value={name}>
                  {t.channels[name]}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="sim-from" className={ui.label}>
              {s.customerId}
            </label>
            <input id="sim-from" name="from" defaultValue={from} className={`${ui.input} font-mono`} />
          </div>
          <button type="submit" className={ui.buttonSecondary}>
            {s.show}
          </button>
        </form>
        <ActionForm action={action} resetOnSuccess className={`${ui.card} space-y-3`} label={s.send}>
          <input type="hidden" name="tenantSlug" value={tenant.slug} />
          <input type="hidden" name="channel" value={channel} />
          <input type="hidden" name="from" value={from} />
          <label htmlFor="sim-text" className={ui.label}>
            {s.message}
          </label>
          <textarea id="sim-text" name="text" rows={3} required maxLength={4096} className={ui.input} />
          <button type="submit" className={ui.button}>
            {s.send}
          </button>
        </ActionForm>
      </div>
      <section className={ui.card} aria-labelledby="sim-thread">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="sim-thread" className={ui.h2}>
            {s.conversation} · {t.channels[channel]} · <span className="font-mono text-base">{from}</span>
          </h2>
          {thread.lead && (
            <span className="flex items-center gap-2 text-sm">
              <Badge tone={thread.lead.classification}>{t.classification[thread.lead.classification]}</Badge>
              {t.inbox.score}: <strong data-testid="simulator-score">{thread.lead.score}</strong>
            </span>
          )}
        </div>
        {thread.messages.length === 0 ? (
          <p className={`mt-3 ${ui.muted}`}>{s.empty}</p>
        ) : (
          <ol className="mt-4 space-y-3">
            {thread.messages.map((m) => (
              <li
                key={m.id}
                data-testid="simulator-message"
                data-sender={m.sender}
                className={`flex ${m.direction === 'inbound' ? 'justify-end' : 'justify-start'}`}
              >
                <div
                  className={`max-w-[85%] rounded-2xl px-4 py-2 text-sm ${
                    m.direction === 'inbound'
                      ? 'bg-emerald-100 text-slate-900'
                      : 'bg-white ring-1 ring-slate-200'
                  }`}
                >
                  <p className="whitespace-pre-wrap">{m.text ?? t.inbox.noText(m.message_type)}</p>
                  <p className="mt-1 flex flex-wrap items-center justify-end gap-2 text-xs text-slate-600">
                    <span>{t.sender[m.sender]}</span>
                    {m.generated_by === 'offline' && <Badge tone="warn">{t.inbox.offlineMark}</Badge>}
                    {m.generated_by === 'claude' && <Badge tone="info">{t.inbox.claudeMark}</Badge>}
                    {m.direction === 'outbound' && (
                      <Badge tone={m.delivery_status === 'failed' ? 'bad' : 'neutral'}>
                        {t.deliveryStatus[m.delivery_status] ?? m.delivery_status}
                      </Badge>
                    )}
                    {m.outbox && <Badge tone="info">{s.outbox}</Badge>}
                    <time dateTime={m.created_at}>{formatTime(m.created_at, t.locale, tenant.timezone)}</time>
                  </p>
                  {m.error_message && <p className="mt-1 text-xs text-rose-800">{m.error_message}</p>}
                </div>
              </li>
            ))}
          </ol>
        )}
        {thread.conversation_id && (
          <Link
            href={`/t/${tenant.slug}/inbox/${thread.conversation_id}`}
            className={`mt-4 inline-block text-sm ${ui.link}`}
          >
            {s.openInInbox}
          </Link>
        )}
      </section>
    </div>
  );
}

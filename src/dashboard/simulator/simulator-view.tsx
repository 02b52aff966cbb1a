import Link from 'next/link';
import type { Channel } from '@/src/channels/channel-registry';
import type { Messages } from '@/src/i18n/messages-es';
import { ActionForm } from '@/src/ui/action-form';
import type { ActionState } from '@/src/ui/action-state';
import { Badge } from '@/src/ui/badge';
import { CardSection } from '@/src/ui/card-section';
import { FilterBar } from '@/src/ui/filter-bar';
import { formatTime } from '@/src/ui/format-date';
import { SelectField } from '@/src/ui/select-field';
import { ui } from '@/src/ui/styles';
import { TextField } from '@/src/ui/text-field';
import { channelOptions } from '../channel-options';
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
        <FilterBar label={s.channel} submitLabel={s.show} stacked>
          <SelectField
            id="sim-channel"
            name="channel"
            label={s.channel}
            defaultValue={channel}
            options={channelOptions(t)}
          />
          <TextField id="sim-from" name="from" label={s.customerId} defaultValue={from} mono />
        </FilterBar>
        <ActionForm action={action} resetOnSuccess className={ui.card} label={s.send}>
          <div className="space-y-3">
            <input type="hidden" name="tenantSlug" value={tenant.slug} />
            <input type="hidden" name="channel" value={channel} />
            <input type="hidden" name="from" value={from} />
            <TextField id="sim-text" name="text" label={s.message} rows={3} required maxLength={4096} />
            <button type="submit" className={ui.button}>
              {s.send}
            </button>
          </div>
        </ActionForm>
      </div>
      <CardSection
        id="sim-thread"
        title={
          <>
            {s.conversation} · {t.channels[channel]} · <span className="font-mono text-base">{from}</span>
          </>
        }
        aside={
          thread.lead && (
            <span className="flex items-center gap-2 text-sm">
              <Badge tone={thread.lead.classification}>{t.classification[thread.lead.classification]}</Badge>
              {t.inbox.score}: <strong data-testid="simulator-score">{thread.lead.score}</strong>
            </span>
          )
        }
      >
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
                    {(m.generated_by as string | null) === 'openai' && (
                      <Badge tone="info">{t.aiProvider.openaiMark}</Badge>
                    )}
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
      </CardSection>
    </div>
  );
}

import Link from 'next/link';
import { channelNames } from '@/src/channels/channel-registry';
import type { Messages } from '@/src/i18n/messages-es';
import { Badge } from '@/src/ui/badge';
import { formatDateTime } from '@/src/ui/format-date';
import { ui } from '@/src/ui/styles';
import type { TenantContext } from '../tenants/resolve-tenant';
import type { InboxFilter, InboxItem } from './load-inbox';

// Filters are a plain GET form (bookmarkable, works without JavaScript).
export function InboxList({
  items,
  filter,
  tenant,
  t,
}: {
  items: InboxItem[];
  filter: InboxFilter;
  tenant: TenantContext;
  t: Messages;
}) {
  const i = t.inbox;
  return (
    <>
      <form method="get" className={`${ui.card} flex flex-wrap items-end gap-3`} aria-label={t.common.filter}>
        <div>
          <label htmlFor="f-status" className={ui.label}>
            {i.status}
          </label>
          <select id="f-status" name="status" defaultValue={filter.status} className={ui.input}>
            <option value="open">{i.open}</option>
            <option value="resolved">{i.resolved}</option>
            <option value="closed">{i.closed}</option>
            <option value="all">{i.all}</option>
          </select>
        </div>
        <div>
          <label htmlFor="f-channel" className={ui.label}>
            {i.channel}
          </label>
          <select id="f-channel" name="channel" defaultValue={filter.channel ?? ''} className={ui.input}>
            <option value="">{t.common.all}</option>
            {channelNames.map((channel) => (
              <option key={channel} value={channel}>
                {t.channels[channel]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-handled" className={ui.label}>
            {i.handledBy}
          </label>
          <select id="f-handled" name="handledBy" defaultValue={filter.handledBy ?? ''} className={ui.input}>
            <option value="">{t.common.all}</option>
            <option value="ai">{t.handledBy.ai}</option>
            <option value="human">{t.handledBy.human}</option>
          </select>
        </div>
        <button type="submit" className={ui.buttonSecondary}>
          {t.common.filter}
        </button>
      </form>
      {items.length === 0 ? (
        <p className={ui.muted}>{i.empty}</p>
      ) : (
        <ul className="divide-y divide-slate-200 overflow-hidden rounded-xl border border-slate-200 bg-white">
          {items.map((item) => (
            <li key={item.id}>
              <Link
                href={`/t/${tenant.slug}/inbox/${item.id}`}
                className={`flex flex-col gap-1 px-4 py-3 hover:bg-slate-50 sm:flex-row sm:items-center sm:justify-between ${ui.focus}`}
                data-testid="inbox-item"
              >
                <div className="min-w-0">
                  <div className="flex flex-wrap items-center gap-2">
                    <span className="font-medium text-slate-900">{item.lead.name ?? i.unnamed}</span>
                    <Badge tone={item.lead.classification}>
                      {t.classification[item.lead.classification]} · {item.lead.score}
                    </Badge>
                    <Badge>{t.channels[item.channel as keyof typeof t.channels] ?? item.channel}</Badge>
                    <Badge tone={item.handled_by === 'human' ? 'warn' : 'info'}>
                      {t.handledBy[item.handled_by]}
                    </Badge>
                    {item.escalated_at && item.status !== 'resolved' && item.status !== 'closed' && (
                      <Badge tone="bad">{i.escalated}</Badge>
                    )}
                    {(item.status === 'resolved' || item.status === 'closed') && (
                      <Badge>{t.conversationStatus[item.status]}</Badge>
                    )}
                  </div>
                  <p className="mt-1 truncate text-sm text-slate-600">
                    {item.last_message
                      ? `${t.sender[item.last_message.sender as keyof typeof t.sender] ?? ''}: ${
                          item.last_message.text ?? i.noText(item.last_message.message_type)
                        }`
                      : ''}
                  </p>
                </div>
                <span className="shrink-0 text-xs text-slate-600">
                  {formatDateTime(item.last_message_at, t.locale, tenant.timezone)}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

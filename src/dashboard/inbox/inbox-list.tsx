import Link from 'next/link';
import type { Messages } from '@/src/i18n/messages-es';
import { Badge } from '@/src/ui/badge';
import { FilterBar } from '@/src/ui/filter-bar';
import { formatDateTime } from '@/src/ui/format-date';
import { SelectField } from '@/src/ui/select-field';
import { ui } from '@/src/ui/styles';
import { channelLabel } from '../channel-label';
import { channelOptions } from '../channel-options';
import { SearchFields } from '../paging/search-fields';
import type { TenantContext } from '../tenants/resolve-tenant';
import type { InboxFilter, InboxItem } from './load-inbox';

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
  const all = { value: '', label: t.common.all };
  return (
    <>
      <FilterBar label={t.common.filter} submitLabel={t.finding.apply}>
        <SearchFields idPrefix="f" label={t.finding.searchInbox} filter={filter} t={t} />
        <SelectField
          id="f-status"
          name="status"
          label={i.status}
          defaultValue={filter.status}
          options={(['open', 'resolved', 'closed', 'all'] as const).map((status) => ({
            value: status,
            label: i[status],
          }))}
        />
        <SelectField
          id="f-channel"
          name="channel"
          label={i.channel}
          defaultValue={filter.channel ?? ''}
          options={channelOptions(t, t.common.all)}
        />
        <SelectField
          id="f-handled"
          name="handledBy"
          label={i.handledBy}
          defaultValue={filter.handledBy ?? ''}
          options={[
            all,
            { value: 'ai', label: t.handledBy.ai },
            { value: 'human', label: t.handledBy.human },
          ]}
        />
        <SelectField
          id="f-score"
          name="score"
          label={t.finding.score}
          defaultValue={filter.score ?? ''}
          options={[
            all,
            ...(['hot', 'warm', 'cold'] as const).map((c) => ({ value: c, label: t.classification[c] })),
          ]}
        />
      </FilterBar>
      {items.length === 0 ? (
        <p className={ui.muted}>{filter.q ? t.finding.noResults(filter.q) : i.empty}</p>
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
                    <Badge>{channelLabel(t, item.channel)}</Badge>
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
                  {item.match_text && item.match_text !== item.last_message?.text && (
                    <p className="mt-1 truncate text-sm text-slate-800" data-testid="match-text">
                      <span className="font-medium">{t.finding.foundIn}</span> {item.match_text}
                    </p>
                  )}
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

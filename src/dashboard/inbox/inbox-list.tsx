import Link from 'next/link';
import type { Messages } from '@/src/i18n/messages-es';
import { Badge } from '@/src/ui/badge';
import { FilterBar } from '@/src/ui/filter-bar';
import { formatDateTime } from '@/src/ui/format-date';
import { SelectField } from '@/src/ui/select-field';
import { ui } from '@/src/ui/styles';
import type { UnreadCounts } from '../attention/load-attention';
import { channelLabel } from '../channel-label';
import { channelOptions } from '../channel-options';
import { SearchFields } from '../paging/search-fields';
import type { TenantContext } from '../tenants/resolve-tenant';
import { TestBadge } from '../test-badge';
import type { InboxFilter, InboxItem } from './load-inbox';

export function InboxList({
  items,
  unread = {},
  filter,
  tags = [],
  tenant,
  t,
}: {
  items: InboxItem[];
  /** The tenant's tags, to filter by. */
  tags?: { id: string; name: string }[];
  /** Unread customer messages per conversation for the signed-in member. */
  unread?: UnreadCounts;
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
        <SelectField
          id="f-assigned"
          name="assigned"
          label={t.teamwork.filterAssigned}
          defaultValue={filter.assigned ?? ''}
          options={[
            all,
            { value: 'mine', label: t.teamwork.filterMine },
            { value: 'unassigned', label: t.teamwork.filterUnassigned },
          ]}
        />
        {tags.length > 0 && (
          <SelectField
            id="f-tag"
            name="tag"
            label={t.teamwork.filterTag}
            defaultValue={filter.tag ?? ''}
            options={[all, ...tags.map((tag) => ({ value: tag.id, label: tag.name }))]}
          />
        )}
      </FilterBar>
      {items.length === 0 ? (
        <p className={ui.muted}>{filter.q ? t.finding.noResults(filter.q) : i.empty}</p>
      ) : (
        <ul className="divide-y divide-slate-200 overflow-hidden rounded-xl border border-slate-200 bg-white">
          {items.map((item) => {
            const count = unread[item.id] ?? 0;
            const waiting = item.escalated_at && item.status !== 'resolved' && item.status !== 'closed';
            return (
              <li key={item.id}>
                <Link
                  href={`/t/${tenant.slug}/inbox/${item.id}`}
                  className={`flex flex-col gap-1 border-l-4 px-4 py-3 hover:bg-slate-50 sm:flex-row sm:items-center sm:justify-between ${
                    waiting ? 'border-red-600' : count > 0 ? 'border-teal-600' : 'border-transparent'
                  } ${ui.focus}`}
                  data-testid="inbox-item"
                >
                  <div className="min-w-0">
                    <div className="flex flex-wrap items-center gap-2">
                      <span className={`text-slate-900 ${count > 0 ? 'font-bold' : 'font-medium'}`}>
                        {item.lead.name ?? i.unnamed}
                      </span>
                      {item.is_test && <TestBadge t={t} />}
                      {count > 0 && (
                        <span
                          data-testid="unread-count"
                          className="rounded-full bg-teal-700 px-2 py-0.5 text-xs font-semibold text-white"
                        >
                          {t.attention.unreadShort(count)}
                        </span>
                      )}
                      <Badge tone={item.lead.classification}>
                        {t.classification[item.lead.classification]} · {item.lead.score}
                      </Badge>
                      <Badge>{channelLabel(t, item.channel)}</Badge>
                      <Badge tone={item.handled_by === 'human' ? 'warn' : 'info'}>
                        {t.handledBy[item.handled_by]}
                      </Badge>
                      {waiting && <Badge tone="bad">{t.attention.needsPerson}</Badge>}
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
            );
          })}
        </ul>
      )}
    </>
  );
}

import Link from 'next/link';
import type { Messages } from '@/src/i18n/messages-es';
import { Badge } from '@/src/ui/badge';
import { DataTable } from '@/src/ui/data-table';
import { FilterBar } from '@/src/ui/filter-bar';
import { formatDateTime } from '@/src/ui/format-date';
import { SelectField } from '@/src/ui/select-field';
import { ui } from '@/src/ui/styles';
import { channelLabel } from '../channel-label';
import { channelOptions } from '../channel-options';
import { SearchFields } from '../paging/search-fields';
import type { TenantContext } from '../tenants/resolve-tenant';
import { TestBadge } from '../test-badge';
import type { LeadRow, LeadsFilter } from './load-leads';

export function LeadsTable({
  leads,
  filter,
  tenant,
  t,
}: {
  leads: LeadRow[];
  filter: LeadsFilter;
  tenant: TenantContext;
  t: Messages;
}) {
  const l = t.leads;
  const all = { value: '', label: t.common.all };
  return (
    <>
      <FilterBar label={t.common.filter} submitLabel={t.finding.apply}>
        <SearchFields idPrefix="fl" label={t.finding.searchLeads} filter={filter} t={t} />
        <SelectField
          id="f-class"
          name="classification"
          label={l.classification}
          defaultValue={filter.classification ?? ''}
          options={[
            all,
            ...(['hot', 'warm', 'cold'] as const).map((c) => ({ value: c, label: t.classification[c] })),
          ]}
        />
        <SelectField
          id="f-lchannel"
          name="channel"
          label={l.channel}
          defaultValue={filter.channel ?? ''}
          options={channelOptions(t, t.common.all)}
        />
      </FilterBar>
      <DataTable
        standalone
        rows={leads}
        rowKey={(lead) => lead.id}
        rowTestId="lead-row"
        emptyText={filter.q ? t.finding.noResults(filter.q) : l.empty}
        columns={[
          {
            header: l.name,
            cell: (lead) => (
              <Link href={`/t/${tenant.slug}/leads/${lead.id}`} className={ui.link}>
                {lead.name ?? t.inbox.unnamed}
              </Link>
            ),
          },
          {
            header: l.score,
            cell: (lead) => (
              <span className="inline-flex flex-wrap gap-1">
                <Badge tone={lead.classification}>
                  {t.classification[lead.classification]} · {lead.score}
                </Badge>
                {lead.is_test && <TestBadge t={t} />}
              </span>
            ),
          },
          { header: l.channel, cell: (lead) => channelLabel(t, lead.origin_channel) },
          {
            header: l.lastMessage,
            className: 'max-w-md',
            cell: (lead) => (
              <>
                <p className="truncate">{lead.last_message_text ?? t.common.none}</p>
                <p className="text-xs text-slate-600">
                  {formatDateTime(lead.last_message_at, t.locale, tenant.timezone)}
                </p>
              </>
            ),
          },
        ]}
      />
    </>
  );
}

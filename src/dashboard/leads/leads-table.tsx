import Link from 'next/link';
import { channelNames } from '@/src/channels/channel-registry';
import type { Messages } from '@/src/i18n/messages-es';
import { Badge } from '@/src/ui/badge';
import { formatDateTime } from '@/src/ui/format-date';
import { ui } from '@/src/ui/styles';
import type { TenantContext } from '../tenants/resolve-tenant';
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
  return (
    <>
      <form method="get" className={`${ui.card} flex flex-wrap items-end gap-3`} aria-label={t.common.filter}>
        <div>
          <label htmlFor="f-class" className={ui.label}>
            {l.classification}
          </label>
          <select
            id="f-class"
            name="classification"
            defaultValue={filter.classification ?? ''}
            className={ui.input}
          >
            <option value="">{t.common.all}</option>
            {(['hot', 'warm', 'cold'] as const).map((c) => (
              <option key={c} value={c}>
                {t.classification[c]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-lchannel" className={ui.label}>
            {l.channel}
          </label>
          <select id="f-lchannel" name="channel" defaultValue={filter.channel ?? ''} className={ui.input}>
            <option value="">{t.common.all}</option>
            {channelNames.map((channel) => (
              <option key={channel} value={channel}>
                {t.channels[channel]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className={ui.buttonSecondary}>
          {t.common.filter}
        </button>
      </form>
      {leads.length === 0 ? (
        <p className={ui.muted}>{l.empty}</p>
      ) : (
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
          <table className={ui.table}>
            <thead className="bg-slate-50">
              <tr>
                <th scope="col" className={ui.th}>
                  {l.name}
                </th>
                <th scope="col" className={ui.th}>
                  {l.score}
                </th>
                <th scope="col" className={ui.th}>
                  {l.channel}
                </th>
                <th scope="col" className={ui.th}>
                  {l.lastMessage}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {leads.map((lead) => (
                <tr key={lead.id} data-testid="lead-row">
                  <td className={ui.td}>
                    <Link href={`/t/${tenant.slug}/leads/${lead.id}`} className={ui.link}>
                      {lead.name ?? t.inbox.unnamed}
                    </Link>
                  </td>
                  <td className={ui.td}>
                    <Badge tone={lead.classification}>
                      {t.classification[lead.classification]} · {lead.score}
                    </Badge>
                  </td>
                  <td className={ui.td}>
                    {t.channels[lead.origin_channel as keyof typeof t.channels] ?? lead.origin_channel}
                  </td>
                  <td className={`${ui.td} max-w-md`}>
                    <p className="truncate">{lead.last_message_text ?? t.common.none}</p>
                    <p className="text-xs text-slate-600">
                      {formatDateTime(lead.last_message_at, t.locale, tenant.timezone)}
                    </p>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

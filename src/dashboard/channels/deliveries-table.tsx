import type { Messages } from '@/src/i18n/messages-es';
import { Badge } from '@/src/ui/badge';
import { formatDateTime } from '@/src/ui/format-date';
import { ui } from '@/src/ui/styles';
import type { WebhookDelivery } from './load-channels';

export function DeliveriesTable({
  deliveries,
  t,
  timezone,
}: {
  deliveries: WebhookDelivery[];
  t: Messages;
  timezone: string;
}) {
  const c = t.channelsPage;
  return (
    <section className={ui.card} aria-labelledby="deliveries-title">
      <h2 id="deliveries-title" className={ui.h2}>
        {c.deliveries}
      </h2>
      {deliveries.length === 0 ? (
        <p className={`mt-3 ${ui.muted}`}>{c.noDeliveries}</p>
      ) : (
        <div className="mt-3 overflow-x-auto">
          <table className={ui.table}>
            <thead>
              <tr>
                <th scope="col" className={ui.th}>
                  {c.received}
                </th>
                <th scope="col" className={ui.th}>
                  {c.channel}
                </th>
                <th scope="col" className={ui.th}>
                  {c.outcome}
                </th>
                <th scope="col" className={ui.th}>
                  HTTP
                </th>
                <th scope="col" className={ui.th}>
                  {c.events}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {deliveries.map((d) => (
                <tr key={d.id}>
                  <td className={ui.td}>{formatDateTime(d.received_at, t.locale, timezone)}</td>
                  <td className={ui.td}>{t.channels[d.channel as keyof typeof t.channels] ?? d.channel}</td>
                  <td className={ui.td}>
                    <Badge tone={d.http_status < 300 ? 'good' : d.http_status < 500 ? 'warn' : 'bad'}>
                      {d.outcome}
                    </Badge>
                    {d.detail && <p className="mt-1 text-xs text-slate-600">{d.detail}</p>}
                  </td>
                  <td className={ui.td}>{d.http_status}</td>
                  <td className={ui.td}>
                    {d.stored_count}/{d.event_count}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

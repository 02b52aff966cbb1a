import type { Messages } from '@/src/i18n/messages-es';
import { Badge } from '@/src/ui/badge';
import { CardSection } from '@/src/ui/card-section';
import { DataTable } from '@/src/ui/data-table';
import { formatDateTime } from '@/src/ui/format-date';
import { channelLabel } from '../channel-label';
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
    <CardSection id="deliveries-title" title={c.deliveries}>
      <DataTable
        rows={deliveries}
        rowKey={(d) => d.id}
        emptyText={c.noDeliveries}
        columns={[
          { header: c.received, cell: (d) => formatDateTime(d.received_at, t.locale, timezone) },
          { header: c.channel, cell: (d) => channelLabel(t, d.channel) },
          {
            header: c.outcome,
            cell: (d) => (
              <>
                <Badge tone={d.http_status < 300 ? 'good' : d.http_status < 500 ? 'warn' : 'bad'}>
                  {d.outcome}
                </Badge>
                {d.detail && <p className="mt-1 text-xs text-slate-600">{d.detail}</p>}
              </>
            ),
          },
          { header: 'HTTP', cell: (d) => d.http_status },
          { header: c.events, cell: (d) => `${d.stored_count}/${d.event_count}` },
        ]}
      />
    </CardSection>
  );
}

import type { Messages } from '@/src/i18n/messages-es';
import { CardSection } from '@/src/ui/card-section';
import { DataTable } from '@/src/ui/data-table';
import { channelLabel } from '../channel-label';
import type { Overview } from './load-overview';

// Today's messages per channel, in and out.
export function MessagesTodayCard({ rows, t }: { rows: Overview['messages_today']; t: Messages }) {
  const o = t.overview;
  return (
    <CardSection id="ov-messages" title={o.messagesToday}>
      <DataTable
        rows={rows}
        rowKey={(row) => row.channel}
        emptyText={o.noMessages}
        columns={[
          { header: t.inbox.channel, cell: (row) => channelLabel(t, row.channel) },
          { header: o.inbound, cell: (row) => row.inbound },
          { header: o.outbound, cell: (row) => row.outbound },
        ]}
      />
    </CardSection>
  );
}

import Link from 'next/link';
import { escalationReasonText } from '@/src/dashboard/inbox/escalation-reason-text';
import type { Messages } from '@/src/i18n/messages-es';
import { CardSection } from '@/src/ui/card-section';
import { formatDateTime } from '@/src/ui/format-date';
import { ui } from '@/src/ui/styles';
import { channelLabel } from '../channel-label';
import type { TenantContext } from '../tenants/resolve-tenant';
import type { Overview } from './load-overview';

// Conversations handed to a person and still waiting: dashboard_overview lists up to ten, the
// count in the heading is all of them.
export function EscalationsCard({
  overview,
  tenant,
  t,
}: {
  overview: Overview;
  tenant: TenantContext;
  t: Messages;
}) {
  const o = t.overview;
  const title = (
    <>
      {o.escalations} <span className="text-slate-600">({overview.escalations_waiting_count})</span>
    </>
  );
  return (
    <CardSection id="ov-escalations" title={title}>
      {overview.escalations_waiting.length === 0 ? (
        <p className={`mt-3 ${ui.muted}`}>{o.noEscalations}</p>
      ) : (
        <ul className="mt-3 space-y-2">
          {overview.escalations_waiting.map((e) => (
            <li key={e.conversation_id} className="text-sm">
              <Link href={`/t/${tenant.slug}/inbox/${e.conversation_id}`} className={ui.link}>
                {e.lead_name ?? t.inbox.unnamed}
              </Link>{' '}
              <span className="text-slate-600">
                · {channelLabel(t, e.channel)} · {formatDateTime(e.escalated_at, t.locale, tenant.timezone)}
              </span>
              {e.reason && (
                <p className="text-slate-600">{escalationReasonText(e.reason, t.inbox.escalationReasons)}</p>
              )}
            </li>
          ))}
        </ul>
      )}
    </CardSection>
  );
}

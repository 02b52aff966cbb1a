import Link from 'next/link';
import type { ReactNode } from 'react';
import type { Messages } from '@/src/i18n/messages-es';
import { Badge } from '@/src/ui/badge';
import { CardSection } from '@/src/ui/card-section';
import { formatDateTime } from '@/src/ui/format-date';
import { ui } from '@/src/ui/styles';
import { channelLabel } from '../channel-label';
import type { TenantContext } from '../tenants/resolve-tenant';
import { TestBadge } from '../test-badge';
import type { LeadDetail } from './load-lead';

// A lead: score and class, accounts on each channel, how the score moved (signals and the
// message that caused it), and its conversations. The page passes the editable contact card,
// the merge card and the history of changes (src/dashboard/leads/lead-*.tsx).
export function LeadView({
  detail,
  tenant,
  t,
  appointments,
  mergedInto,
  contact,
  merge,
  changes,
}: {
  detail: LeadDetail;
  tenant: TenantContext;
  t: Messages;
  /** The lead's appointments card, above its conversations. */
  appointments?: ReactNode;
  /** The lead this one was merged into, if it was. */
  mergedInto?: { id: string; name: string | null } | null;
  contact?: ReactNode;
  merge?: ReactNode;
  changes?: ReactNode;
}) {
  const l = t.leads;
  const { lead } = detail;
  const when = (iso: string | null) => formatDateTime(iso, t.locale, tenant.timezone);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className={ui.h1}>{lead.name ?? t.inbox.unnamed}</h1>
        <Badge tone={lead.classification}>{t.classification[lead.classification]}</Badge>
        {lead.is_test && <TestBadge t={t} />}
        <span className="text-lg font-semibold" data-testid="lead-score">
          {lead.score}
        </span>
        <span className={ui.muted}>
          {l.created}: {when(lead.created_at)}
        </span>
      </div>
      {mergedInto && (
        <p className="rounded-lg bg-amber-50 px-4 py-3 text-sm text-amber-950" data-testid="merged-into">
          {t.leadRecord.mergedInto(mergedInto.name ?? t.leadRecord.unnamed)}{' '}
          <Link href={`/t/${tenant.slug}/leads/${mergedInto.id}`} className={ui.link}>
            {t.leadRecord.goToSurvivor}
          </Link>
        </p>
      )}
      <div className="grid gap-4 lg:grid-cols-3">
        <div className="min-w-0 space-y-4 lg:col-span-2">
          {contact}
          {merge}
          {changes}
          <CardSection id="lead-history" title={l.history}>
            {detail.score_events.length === 0 ? (
              <p className={`mt-3 ${ui.muted}`}>{l.noHistory}</p>
            ) : (
              <ol className="mt-3 space-y-3">
                {detail.score_events.map((event) => (
                  <li key={event.id} className="rounded-lg bg-slate-50 p-3 text-sm" data-testid="score-event">
                    <div className="flex flex-wrap items-center gap-2">
                      <strong className={event.delta >= 0 ? 'text-emerald-800' : 'text-rose-800'}>
                        {event.delta >= 0 ? `+${event.delta}` : event.delta}
                      </strong>
                      <span>
                        {event.score_before} → {event.score_after}
                      </span>
                      <Badge tone={event.classification_after as 'hot'}>
                        {t.classification[event.classification_after as 'hot'] ?? event.classification_after}
                      </Badge>
                      <span className="text-xs text-slate-600">{when(event.created_at)}</span>
                    </div>
                    {event.signals.length > 0 && (
                      <p className="mt-1">
                        {l.signals}: {event.signals.map((s) => l.signalNames[s] ?? s).join(', ')}
                      </p>
                    )}
                    {event.reason && (
                      <p className="mt-1 text-slate-700">{t.intents[event.reason] ?? event.reason}</p>
                    )}
                    {event.message_text && (
                      <p className="mt-1 text-slate-600">
                        {l.fromMessage}: “{event.message_text}”
                      </p>
                    )}
                  </li>
                ))}
              </ol>
            )}
          </CardSection>
        </div>
        <div className="min-w-0 space-y-4">
          {appointments}
          <CardSection id="lead-conversations" title={l.conversations}>
            <ul className="mt-3 space-y-2 text-sm">
              {detail.conversations.map((c) => (
                <li key={c.id}>
                  <Link href={`/t/${tenant.slug}/inbox/${c.id}`} className={ui.link}>
                    {channelLabel(t, c.channel)} · {t.conversationStatus[c.status as 'active'] ?? c.status}
                  </Link>
                  <span className="text-slate-600">
                    {' '}
                    · {c.messages} · {when(c.last_message_at)}
                  </span>
                </li>
              ))}
            </ul>
          </CardSection>
          <CardSection id="lead-identities" title={l.identities}>
            <ul className="mt-3 space-y-1 text-sm">
              {detail.identities.map((identity) => (
                <li key={`${identity.channel}-${identity.external_id}`}>
                  {channelLabel(t, identity.channel)}:{' '}
                  <span className="font-mono">{identity.username ?? identity.external_id}</span>
                </li>
              ))}
            </ul>
          </CardSection>
        </div>
      </div>
    </div>
  );
}

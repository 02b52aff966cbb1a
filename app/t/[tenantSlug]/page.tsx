import Link from 'next/link';
import { loadTenantPage } from '@/src/dashboard/load-tenant-page';
import { loadOverview } from '@/src/dashboard/overview/load-overview';
import { realtimeConfig } from '@/src/dashboard/realtime-config';
import { Badge } from '@/src/ui/badge';
import { formatDateTime } from '@/src/ui/format-date';
import { LiveRefresh } from '@/src/ui/live-refresh';
import { ReplyTimeChart } from '@/src/ui/reply-time-chart';
import { ui } from '@/src/ui/styles';

export const dynamic = 'force-dynamic';

export default async function OverviewPage({ params }: { params: Promise<{ tenantSlug: string }> }) {
  const { tenantSlug } = await params;
  const { db, staff, tenant, t, env } = await loadTenantPage(tenantSlug);
  const overview = await loadOverview(db, staff, tenant);
  const o = t.overview;
  return (
    <div className="space-y-6">
      <LiveRefresh intervalMs={10_000} realtime={realtimeConfig(env, tenant)} />
      <h1 className={ui.h1}>{o.title}</h1>
      <div className="grid gap-4 md:grid-cols-3">
        <section className={ui.card} aria-labelledby="ov-messages">
          <h2 id="ov-messages" className={ui.h2}>
            {o.messagesToday}
          </h2>
          {overview.messages_today.length === 0 ? (
            <p className={`mt-3 ${ui.muted}`}>{o.noMessages}</p>
          ) : (
            <table className={`mt-3 ${ui.table}`}>
              <thead>
                <tr>
                  <th className={ui.th} scope="col">
                    {t.inbox.channel}
                  </th>
                  <th className={ui.th} scope="col">
                    {o.inbound}
                  </th>
                  <th className={ui.th} scope="col">
                    {o.outbound}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {overview.messages_today.map((row) => (
                  <tr key={row.channel}>
                    <td className={ui.td}>
                      {t.channels[row.channel as keyof typeof t.channels] ?? row.channel}
                    </td>
                    <td className={ui.td}>{row.inbound}</td>
                    <td className={ui.td}>{row.outbound}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section className={ui.card} aria-labelledby="ov-leads">
          <h2 id="ov-leads" className={ui.h2}>
            {o.newLeads}
          </h2>
          <dl className="mt-3 grid grid-cols-3 gap-2 text-center">
            {(['hot', 'warm', 'cold'] as const).map((c) => (
              <div key={c} className="rounded-lg bg-slate-50 p-3">
                <dt>
                  <Badge tone={c}>{t.classification[c]}</Badge>
                </dt>
                <dd className="mt-2 text-2xl font-semibold">{overview.new_leads_today[c]}</dd>
              </div>
            ))}
          </dl>
          <p className={`mt-4 ${ui.muted}`} title={o.offlineExplain}>
            {o.offlineReplies}: <strong>{overview.offline_replies_today}</strong>
          </p>
        </section>
        <section className={ui.card} aria-labelledby="ov-escalations">
          <h2 id="ov-escalations" className={ui.h2}>
            {o.escalations} <span className="text-slate-600">({overview.escalations_waiting_count})</span>
          </h2>
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
                    · {t.channels[e.channel as keyof typeof t.channels] ?? e.channel} ·{' '}
                    {formatDateTime(e.escalated_at, t.locale, tenant.timezone)}
                  </span>
                  {e.reason && <p className="text-slate-600">{e.reason}</p>}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      <section className={ui.card} aria-labelledby="ov-reply-time">
        <h2 id="ov-reply-time" className={ui.h2}>
          {o.replyTime}
        </h2>
        <ReplyTimeChart
          days={overview.ai_reply_seconds}
          locale={t.locale}
          formatSeconds={o.seconds}
          emptyText={o.replyTimeEmpty}
          title={o.replyTime}
        />
      </section>
    </div>
  );
}

import Link from 'next/link';
import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import type { Messages } from '@/src/i18n/messages-es';
import { ui } from '@/src/ui/styles';
import type { TenantContext } from '../tenants/resolve-tenant';
import { connectionAlerts } from './connection-alerts';
import { formatDay } from './format-health';
import { loadChannelHealth } from './load-channel-health';

// Above every tenant page: channels whose connection permission expires within the warning
// window, or that stopped working (needs_reauth), and how to fix it. Shown to every member;
// only admins can fix it, so agents are told whom to ask.
export async function ConnectionHealthBanner({
  db,
  staff,
  tenant,
  t,
  channelsHref,
  canFix,
  now = new Date(),
}: {
  db: DbPort;
  staff: StaffIdentity;
  tenant: TenantContext;
  t: Messages;
  channelsHref: string;
  canFix: boolean;
  now?: Date;
}) {
  const alerts = connectionAlerts(await loadChannelHealth(db, staff, tenant), now);
  if (alerts.length === 0) return null;
  const h = t.channelHealth;
  const urgent = alerts.some((alert) => alert.kind === 'reauth');
  const tone = urgent
    ? 'border-rose-300 bg-rose-50 text-rose-900'
    : 'border-amber-300 bg-amber-50 text-amber-950';
  return (
    <section
      role="alert"
      aria-labelledby="connection-health-title"
      data-testid="connection-health-banner"
      className={`border-b ${tone}`}
    >
      <div className="mx-auto max-w-6xl space-y-2 px-4 py-3 text-sm">
        <h2 id="connection-health-title" className="font-semibold">
          {h.bannerTitle}
        </h2>
        <ul className="list-disc space-y-1 pl-5">
          {alerts.map((alert) => {
            const channel = t.channels[alert.channel];
            return (
              <li key={alert.channel} data-testid={`banner-${alert.channel}-${alert.kind}`}>
                {alert.kind === 'reauth'
                  ? h.reauthLine(channel, alert.platform)
                  : h.expiringLine(
                      channel,
                      alert.platform,
                      formatDay(alert.deadline, t.locale, tenant.timezone),
                      h.daysLeft(alert.daysLeft),
                    )}
              </li>
            );
          })}
        </ul>
        <p>{canFix ? h.howToFix : h.askAdmin}</p>
        {canFix && (
          <Link href={channelsHref} className={ui.link}>
            {h.goToChannels}
          </Link>
        )}
      </div>
    </section>
  );
}

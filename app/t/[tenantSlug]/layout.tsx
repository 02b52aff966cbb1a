import Link from 'next/link';
import type { ReactNode } from 'react';
import { AttentionNotifier } from '@/src/dashboard/attention/attention-notifier';
import { inboxBadges } from '@/src/dashboard/attention/inbox-badges';
import { loadAttention } from '@/src/dashboard/attention/load-attention';
import { ConnectionHealthBanner } from '@/src/dashboard/channels/connection-health-banner';
import { loadTenantPage } from '@/src/dashboard/load-tenant-page';
import { realtimeConfig } from '@/src/dashboard/realtime-config';
import { canAdminister } from '@/src/dashboard/tenants/resolve-tenant';
import { Badge } from '@/src/ui/badge';
import { LanguageSwitch } from '@/src/ui/language-switch';
import { LiveRefresh } from '@/src/ui/live-refresh';
import { type NavLink, NavLinks } from '@/src/ui/nav-links';
import { ui } from '@/src/ui/styles';
import { setLanguageAction } from '../../language-action';
import { signOutAction } from '../../sign-out-action';

export default async function TenantLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ tenantSlug: string }>;
}) {
  const { tenantSlug } = await params;
  const { db, tenant, staff, t, env, language } = await loadTenantPage(tenantSlug);
  const base = `/t/${tenant.slug}`;
  const admin = canAdminister(tenant);
  const attention = await loadAttention(db, staff, tenant);
  const links: NavLink[] = [
    { href: base, label: t.nav.overview },
    { href: `${base}/inbox`, label: t.nav.inbox, badges: inboxBadges(attention, t) },
    { href: `${base}/leads`, label: t.nav.leads },
    { href: `${base}/calendar`, label: t.calendar.nav },
    { href: `${base}/notifications`, label: t.attention.nav },
    { href: `${base}/reports`, label: t.reports.nav, more: true },
    { href: `${base}/tags`, label: t.teamwork.nav, more: true },
    ...(admin
      ? [
          { href: `${base}/channels`, label: t.nav.channels, more: true },
          { href: `${base}/templates`, label: t.templates.nav, more: true },
          { href: `${base}/ai`, label: t.nav.ai, more: true },
          { href: `${base}/queue`, label: t.nav.queue, more: true },
          { href: `${base}/team`, label: t.team.nav, more: true },
          { href: `${base}/automations`, label: t.automations.nav, more: true },
        ]
      : [{ href: `${base}/ai`, label: t.nav.ai, more: true }]),
    ...(env.appMode === 'local' ? [{ href: `${base}/simulator`, label: t.nav.simulator, more: true }] : []),
  ];
  return (
    <div className="min-h-screen">
      {/* Counts in the navigation stay current on every page; pages may refresh more often. */}
      <LiveRefresh intervalMs={15_000} realtime={realtimeConfig(env, tenant)} />
      <AttentionNotifier
        event={attention.latest_event}
        sound={attention.preferences.sound}
        tenantSlug={tenant.slug}
        texts={{
          escalation: [t.attention.notifyEscalation, t.attention.notifyEscalationBody(tenant.name)],
          hot_lead: [t.attention.notifyHotLead, t.attention.notifyHotLeadBody(tenant.name)],
          mention: [t.attention.notifyMention, t.attention.notifyMentionBody(tenant.name)],
        }}
      />
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-10 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        {t.common.skipToContent}
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 pt-3">
          <div className="flex items-center gap-3">
            <Link
              href="/t"
              className={`text-sm font-semibold text-teal-800 ${ui.focus}`}
              title={t.nav.switchTenant}
            >
              {t.common.appName}
            </Link>
            <span aria-hidden="true" className="text-slate-300">
              /
            </span>
            <span className="font-medium text-slate-900">{tenant.name}</span>
            {env.appMode === 'local' && <Badge tone="info">{t.common.localMode}</Badge>}
          </div>
          <div className="flex items-center gap-3">
            <span className="hidden text-sm text-slate-600 sm:inline">
              {String(staff.claims.email ?? '')} · {t.roles[tenant.role]}
            </span>
            <LanguageSwitch action={setLanguageAction} current={language} label={t.common.language} />
            <form action={signOutAction}>
              <button type="submit" className={`${ui.buttonSecondary} px-3 py-1.5`}>
                {t.common.signOut}
              </button>
            </form>
          </div>
        </div>
        <div className="mx-auto max-w-6xl px-4 pt-3">
          <NavLinks links={links} label={t.nav.mainNav} moreLabel={t.nav.more} />
        </div>
      </header>
      <ConnectionHealthBanner
        db={db}
        staff={staff}
        tenant={tenant}
        t={t}
        channelsHref={`${base}/channels`}
        canFix={admin}
      />
      <main id="main" className="mx-auto max-w-6xl px-4 py-6">
        {children}
      </main>
    </div>
  );
}

import Link from 'next/link';
import { loadTenantPage } from '@/src/dashboard/load-tenant-page';
import { Badge } from '@/src/ui/badge';
import { ui } from '@/src/ui/styles';

export const dynamic = 'force-dynamic';

// The onboarding checklist a new business lands on.
export default async function WelcomePage({ params }: { params: Promise<{ tenantSlug: string }> }) {
  const { tenantSlug } = await params;
  const { db, staff, tenant, t, env } = await loadTenantPage(tenantSlug);
  const done = await db.rpc('dashboard_onboarding', { p_tenant_id: tenant.id }, { as: staff });
  const base = `/t/${tenant.slug}`;
  const steps = [
    { key: 'channel', label: t.account.stepChannel, href: `${base}/channels`, done: done.channel_connected },
    { key: 'ai', label: t.account.stepAi, href: `${base}/ai`, done: done.ai_described },
    {
      key: 'simulator',
      label: t.account.stepSimulator,
      href: env.appMode === 'local' ? `${base}/simulator` : `${base}/ai`,
      done: done.simulator_tried,
    },
    { key: 'team', label: t.account.stepTeam, href: `${base}/team`, done: done.team_invited },
  ];
  return (
    <div className="space-y-4">
      <h1 className={ui.h1}>{t.account.welcomeTitle}</h1>
      <p className={ui.muted}>{t.account.welcomeIntro}</p>
      <ol className="space-y-3">
        {steps.map((step, index) => (
          <li
            key={step.key}
            className={`${ui.card} flex flex-wrap items-center justify-between gap-3`}
            data-testid="onboarding-step"
          >
            <div className="flex min-w-0 items-start gap-3">
              <span className="mt-0.5 font-semibold text-teal-800">{index + 1}.</span>
              <span className="text-slate-900">{step.label}</span>
            </div>
            <div className="flex items-center gap-3">
              <Badge tone={step.done ? 'good' : 'neutral'}>
                {step.done ? t.account.done : t.account.pending}
              </Badge>
              <Link href={step.href} className={ui.buttonSecondary}>
                {t.account.go}
              </Link>
            </div>
          </li>
        ))}
      </ol>
    </div>
  );
}

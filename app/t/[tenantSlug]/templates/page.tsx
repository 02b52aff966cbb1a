import { loadTenantPage } from '@/src/dashboard/load-tenant-page';
import { loadTemplates } from '@/src/dashboard/templates/load-templates';
import { TemplatesView } from '@/src/dashboard/templates/templates-view';
import { canAdminister } from '@/src/dashboard/tenants/resolve-tenant';
import { ui } from '@/src/ui/styles';
import { createTemplateAction, syncTemplatesAction } from './actions';

export const dynamic = 'force-dynamic';

export default async function TemplatesPage({ params }: { params: Promise<{ tenantSlug: string }> }) {
  const { tenantSlug } = await params;
  const { db, staff, tenant, t } = await loadTenantPage(tenantSlug);
  const page = await loadTemplates(db, staff, tenant);
  return (
    <div className="space-y-4">
      <h1 className={ui.h1}>{t.templates.title}</h1>
      <p className={`${ui.muted} max-w-3xl`}>{t.templates.intro}</p>
      <TemplatesView
        page={page}
        slug={tenant.slug}
        admin={canAdminister(tenant)}
        t={t}
        actions={{ sync: syncTemplatesAction, create: createTemplateAction }}
      />
    </div>
  );
}

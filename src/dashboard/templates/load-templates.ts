import type { ResultOf } from '@/src/db/function-types';
import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import type { TenantContext } from '../tenants/resolve-tenant';

// The tenant's templates and its WhatsApp connection, for the templates page and the reply box.
export type TemplatesPage = ResultOf<'dashboard_whatsapp_templates'>;
export type TemplateRow = TemplatesPage['templates'][number];

export function loadTemplates(
  db: DbPort,
  staff: StaffIdentity,
  tenant: TenantContext,
): Promise<TemplatesPage> {
  return db.rpc('dashboard_whatsapp_templates', { p_tenant_id: tenant.id }, { as: staff });
}

/** What the reply box may offer: approved templates with a body. */
export function offerableTemplates(page: TemplatesPage): TemplateRow[] {
  return page.templates.filter(
    (row) =>
      row.status === 'approved' &&
      row.components.some((component) => String(component.type ?? '').toLowerCase() === 'body'),
  );
}

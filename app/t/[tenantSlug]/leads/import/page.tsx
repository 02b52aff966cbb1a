import { ContactImportFlow } from '@/src/dashboard/contacts/contact-import-flow';
import { loadTenantPage } from '@/src/dashboard/load-tenant-page';
import { ui } from '@/src/ui/styles';

export const dynamic = 'force-dynamic';

export default async function ContactImportPage({ params }: { params: Promise<{ tenantSlug: string }> }) {
  const { tenantSlug } = await params;
  const { tenant, t, language } = await loadTenantPage(tenantSlug);
  return (
    <div className="space-y-4">
      <h1 className={ui.h1}>{t.contactImport.title}</h1>
      <p className={`${ui.muted} max-w-2xl`}>{t.contactImport.intro}</p>
      <ContactImportFlow tenantSlug={tenant.slug} language={language} />
    </div>
  );
}

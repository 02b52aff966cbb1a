import { AiPreviewForm } from '@/src/dashboard/ai/ai-preview-form';
import { AiSettingsForm } from '@/src/dashboard/ai/ai-settings-form';
import { loadAiSettings } from '@/src/dashboard/ai/load-ai-settings';
import { loadTenantPage } from '@/src/dashboard/load-tenant-page';
import { canAdminister } from '@/src/dashboard/tenants/resolve-tenant';
import { ui } from '@/src/ui/styles';
import { previewAiReplyAction, saveAiSettingsAction } from './actions';

export const dynamic = 'force-dynamic';

export default async function AiPage({ params }: { params: Promise<{ tenantSlug: string }> }) {
  const { tenantSlug } = await params;
  const { db, staff, tenant, t, env } = await loadTenantPage(tenantSlug);
  const settings = await loadAiSettings(db, staff, tenant);
  return (
    <div className="space-y-6">
      <h1 className={ui.h1}>{t.ai.title}</h1>
      <AiSettingsForm
        settings={settings}
        tenantSlug={tenant.slug}
        defaultModel={env.ANTHROPIC_MODEL}
        canEdit={canAdminister(tenant)}
        t={t}
        action={saveAiSettingsAction}
      />
      {canAdminister(tenant) && (
        <AiPreviewForm tenantSlug={tenant.slug} t={t} action={previewAiReplyAction} />
      )}
    </div>
  );
}

import { aiProviders, allowedModels, defaultModel } from '@/src/ai/model-allowlist';
import { AiAdvancedSection } from '@/src/dashboard/ai/ai-advanced-section';
import { AiAutoMessagesSection } from '@/src/dashboard/ai/ai-auto-messages-section';
import { AiHandoffSection } from '@/src/dashboard/ai/ai-handoff-section';
import { AiHoursSection } from '@/src/dashboard/ai/ai-hours-section';
import { AiKnowledgeSection } from '@/src/dashboard/ai/ai-knowledge-section';
import { AiMediaSection } from '@/src/dashboard/ai/ai-media-section';
import { AiTestChat } from '@/src/dashboard/ai/ai-test-chat';
import { AiVoiceSection } from '@/src/dashboard/ai/ai-voice-section';
import { loadAutoMessages } from '@/src/dashboard/ai/auto-messages';
import { loadAiSettings } from '@/src/dashboard/ai/load-ai-settings';
import { loadTenantPage } from '@/src/dashboard/load-tenant-page';
import { canAdminister } from '@/src/dashboard/tenants/resolve-tenant';
import { ui } from '@/src/ui/styles';
import {
  previewAiReplyAction,
  saveAiAdvancedAction,
  saveAiHandoffAction,
  saveAiHoursAction,
  saveAiKnowledgeAction,
  saveAiMediaAction,
  saveAiVoiceAction,
  saveAutoMessagesAction,
} from './actions';

export const dynamic = 'force-dynamic';

// Sections saved one at a time on the left; the test chat beside them (below on a phone).
export default async function AiPage({ params }: { params: Promise<{ tenantSlug: string }> }) {
  const { tenantSlug } = await params;
  const { db, staff, tenant, t, env } = await loadTenantPage(tenantSlug);
  const [settings, auto] = await Promise.all([
    loadAiSettings(db, staff, tenant),
    loadAutoMessages(db, staff, tenant),
  ]);
  const shared = { settings, tenantSlug: tenant.slug, canEdit: canAdminister(tenant), t };
  return (
    <div className="space-y-4">
      <h1 className={ui.h1}>{t.ai.title}</h1>
      <p className={ui.muted}>{t.ai.intro}</p>
      <nav aria-label={t.ai.jumpTo} className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
        {(['voice', 'knowledge', 'handoff', 'hours', 'auto', 'advanced'] as const).map((section) => (
          <a key={section} href={`#ai-section-${section}`} className={ui.link}>
            {t.ai.sections[section === 'auto' ? 'autoMessages' : section]}
          </a>
        ))}
        {canAdminister(tenant) && (
          <a href="#ai-test-chat" className={ui.link}>
            {t.ai.preview}
          </a>
        )}
      </nav>
      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="min-w-0 space-y-6">
          <AiVoiceSection {...shared} action={saveAiVoiceAction} />
          <AiKnowledgeSection {...shared} action={saveAiKnowledgeAction} />
          <AiHandoffSection {...shared} action={saveAiHandoffAction} />
          <AiMediaSection {...shared} action={saveAiMediaAction} />
          <AiHoursSection {...shared} action={saveAiHoursAction} />
          <AiAutoMessagesSection
            auto={auto}
            tenantSlug={tenant.slug}
            canEdit={shared.canEdit}
            t={t}
            action={saveAutoMessagesAction}
          />
          <AiAdvancedSection
            {...shared}
            providers={aiProviders.map((name) => ({
              name,
              defaultModel: defaultModel(env, name),
              models: allowedModels(env, name),
              configured: Boolean(name === 'openai' ? env.OPENAI_API_KEY : env.ANTHROPIC_API_KEY),
            }))}
            action={saveAiAdvancedAction}
          />
        </div>
        {canAdminister(tenant) && (
          <div className="min-w-0 lg:sticky lg:top-4">
            <AiTestChat
              tenantSlug={tenant.slug}
              labels={{
                preview: t.ai.preview,
                previewHelp: t.ai.previewHelp,
                previewEmpty: t.ai.previewEmpty,
                previewYou: t.ai.previewYou,
                previewMessage: t.ai.previewMessage,
                previewButton: t.ai.previewButton,
              }}
              action={previewAiReplyAction}
            />
          </div>
        )}
      </div>
    </div>
  );
}

import type { ListedTemplate } from '@/src/channels/whatsapp/list-whatsapp-templates';
import { checkNewTemplate } from './new-template-schema';
import { templatePresets } from './template-presets';

// A sandbox connection has no Graph to ask: it keeps the five presets as if Meta had approved
// them, so the local demo shows the templates page and a template reply after 24 h end to end
// (the send lands in the local outbox like every sandbox send).

export const sandboxWabaId = 'sandbox';

export function sandboxTemplates(): ListedTemplate[] {
  return templatePresets.map((preset) => {
    const checked = checkNewTemplate(
      {
        name: preset.name,
        language: 'es_MX',
        category: preset.category,
        body: preset.body,
        footer: preset.footer,
      },
      preset.examples,
    );
    if (!checked.ok) throw new Error(`preset ${preset.name} breaks Meta's limits`);
    return {
      template_id: `sandbox-${preset.name}`,
      name: preset.name,
      language: 'es_MX',
      category: preset.category,
      status: 'approved',
      parameter_format: 'named',
      components: checked.template.components,
      quality_score: null,
    };
  });
}

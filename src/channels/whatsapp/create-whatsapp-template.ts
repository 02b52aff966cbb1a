import { z } from 'zod';
import { type GraphEnv, graphCall } from '@/src/channels/meta/onboarding/graph-call';
import { templateCategoryFromMeta, templateStatusFromMeta } from './whatsapp-template-fields';

// POST /{waba_id}/message_templates (PLATFORMS-2.md §3.2): Meta answers
// {"id","status":"PENDING","category":"UTILITY"} and reviews it (up to 24 h); the verdict comes
// as a message_template_status_update webhook.

export type NewTemplate = {
  name: string;
  language: string;
  category: 'marketing' | 'utility' | 'authentication';
  parameter_format: 'named';
  components: Record<string, unknown>[];
};

const answerSchema = z
  .object({
    id: z.union([z.string(), z.number()]).transform(String),
    status: z.string().optional(),
    category: z.string().optional(),
  })
  .loose();

export async function createWhatsappTemplate(
  env: GraphEnv,
  wabaId: string,
  token: string,
  template: NewTemplate,
): Promise<{ template_id: string; status: string; category: string }> {
  const answer = answerSchema.parse(
    await graphCall(env, {
      method: 'POST',
      path: `${encodeURIComponent(wabaId)}/message_templates`,
      token,
      body: template,
    }),
  );
  return {
    template_id: answer.id,
    status: templateStatusFromMeta(answer.status) ?? 'pending',
    // Meta may recategorise at once; its answer wins.
    category: templateCategoryFromMeta(answer.category) ?? template.category,
  };
}

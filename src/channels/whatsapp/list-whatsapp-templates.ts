import { z } from 'zod';
import { type GraphEnv, graphCall } from '@/src/channels/meta/onboarding/graph-call';
import {
  templateCategoryFromMeta,
  templateQualityFromMeta,
  templateStatusFromMeta,
} from './whatsapp-template-fields';

// Every template of a WhatsApp Business Account: GET /{waba_id}/message_templates, page after
// page through paging.cursors.after while Meta says there is a next page (PLATFORMS-2.md §3.1).
// The token goes in the header, so we follow the cursor rather than the `next` URL.

export type ListedTemplate = {
  template_id: string;
  name: string;
  language: string;
  category: string;
  status: string;
  parameter_format: 'named' | 'positional';
  components: Record<string, unknown>[];
  quality_score: string | null;
};

const fields = 'id,name,language,status,category,components,parameter_format,quality_score';
const pageSize = 100;
// 6000 templates at most per WABA (PLATFORMS-2.md §3.2): a loop past that is Meta misbehaving.
const maxPages = 70;

const pageSchema = z.object({
  data: z.array(z.unknown()),
  paging: z
    .object({
      cursors: z.object({ after: z.string().optional() }).loose().optional(),
      next: z.string().optional(),
    })
    .loose()
    .optional(),
});

const itemSchema = z
  .object({
    id: z.union([z.string(), z.number()]).transform(String),
    name: z.string().regex(/^[a-z0-9_]+$/),
    language: z.string().regex(/^[a-z]{2,3}(_[A-Z]{2})?$/),
    status: z.string(),
    category: z.string(),
    components: z.array(z.record(z.string(), z.unknown())).optional(),
    parameter_format: z.string().optional(),
    quality_score: z.unknown().optional(),
  })
  .loose();

export type TemplateList = { templates: ListedTemplate[]; skipped: number; pages: number };

function toListed(raw: unknown): ListedTemplate | undefined {
  const item = itemSchema.safeParse(raw);
  if (!item.success) return undefined;
  const status = templateStatusFromMeta(item.data.status);
  const category = templateCategoryFromMeta(item.data.category);
  if (!status || !category) return undefined;
  return {
    template_id: item.data.id,
    name: item.data.name,
    language: item.data.language,
    category,
    status,
    parameter_format: item.data.parameter_format?.toUpperCase() === 'NAMED' ? 'named' : 'positional',
    components: item.data.components ?? [],
    quality_score: templateQualityFromMeta(item.data.quality_score) ?? null,
  };
}

export async function listWhatsappTemplates(
  env: GraphEnv,
  wabaId: string,
  token: string,
): Promise<TemplateList> {
  const result: TemplateList = { templates: [], skipped: 0, pages: 0 };
  let after: string | undefined;
  do {
    const query: Record<string, string> = { fields, limit: String(pageSize) };
    if (after) query.after = after;
    const page = pageSchema.parse(
      await graphCall(env, { path: `${encodeURIComponent(wabaId)}/message_templates`, token, query }),
    );
    result.pages += 1;
    for (const raw of page.data) {
      const listed = toListed(raw);
      if (listed) result.templates.push(listed);
      else result.skipped += 1;
    }
    after = page.paging?.next ? page.paging.cursors?.after : undefined;
  } while (after && result.pages < maxPages);
  return result;
}

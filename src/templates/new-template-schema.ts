import { z } from 'zod';
import type { NewTemplate } from '@/src/channels/whatsapp/create-whatsapp-template';
import { hasAdjacentParameters, parametersIn } from './template-parameters';

// Meta's limits for a new template (PLATFORMS-2.md §3.2), checked before Meta is called, so
// staff get a precise reason in their language instead of a rejection a day later. Issues are
// codes (texts in src/i18n/templates-*.ts); `param` names the parameter concerned.

export const templateLanguages = ['es_MX', 'es', 'es_AR', 'es_ES', 'en_US', 'pt_BR'] as const;

export type TemplateIssue = {
  code:
    | 'name_format'
    | 'language'
    | 'category'
    | 'body_required'
    | 'body_too_long'
    | 'header_too_long'
    | 'footer_too_long'
    | 'header_one_parameter'
    | 'footer_no_parameters'
    | 'parameter_name'
    | 'adjacent_parameters'
    | 'example_missing'
    | 'example_format';
  param?: string;
};

const formSchema = z.object({
  name: z.string().trim(),
  language: z.string().trim(),
  category: z.string().trim(),
  header: z.string().trim().optional().default(''),
  body: z.string().trim().optional().default(''),
  footer: z.string().trim().optional().default(''),
});

/** Parameter names Meta accepts: lowercase letters, digits and underscores, starting with a letter. */
const parameterName = /^[a-z][a-z0-9_]*$/;

function checkTexts(form: z.infer<typeof formSchema>, issues: TemplateIssue[]): void {
  if (!/^[a-z0-9_]{1,512}$/.test(form.name)) issues.push({ code: 'name_format' });
  if (!(templateLanguages as readonly string[]).includes(form.language)) issues.push({ code: 'language' });
  if (form.category !== 'utility' && form.category !== 'marketing') issues.push({ code: 'category' });
  if (!form.body) issues.push({ code: 'body_required' });
  if (form.body.length > 1024) issues.push({ code: 'body_too_long' });
  if (form.header.length > 60) issues.push({ code: 'header_too_long' });
  if (form.footer.length > 60) issues.push({ code: 'footer_too_long' });
  if (parametersIn(form.header).length > 1) issues.push({ code: 'header_one_parameter' });
  if (form.footer.includes('{{')) issues.push({ code: 'footer_no_parameters' });
  if (hasAdjacentParameters(form.body) || hasAdjacentParameters(form.header)) {
    issues.push({ code: 'adjacent_parameters' });
  }
  // Anything in braces that is not a well-named parameter ({{Nombre}}, {{1}} in a named template).
  for (const match of `${form.header} ${form.body}`.matchAll(/\{\{([^}]*)\}\}/g)) {
    const name = match[1]!.trim();
    if (!parameterName.test(name)) issues.push({ code: 'parameter_name', param: name });
  }
}

function namedExamples(names: string[], examples: Record<string, string>) {
  return names.map((name) => ({ param_name: name, example: examples[name]! }));
}

/**
 * The template Meta's POST takes, or every issue found. `examples` maps each parameter to its
 * example value (Meta requires one for every parameter).
 */
export function checkNewTemplate(
  input: Record<string, string | undefined>,
  examples: Record<string, string>,
): { ok: true; template: NewTemplate } | { ok: false; issues: TemplateIssue[] } {
  const form = formSchema.parse({
    name: input.name ?? '',
    language: input.language ?? '',
    category: input.category ?? '',
    header: input.header,
    body: input.body,
    footer: input.footer,
  });
  const issues: TemplateIssue[] = [];
  checkTexts(form, issues);
  const headerParams = parametersIn(form.header);
  const bodyParams = parametersIn(form.body);
  for (const name of new Set([...headerParams, ...bodyParams])) {
    const example = examples[name]?.trim();
    if (!example) issues.push({ code: 'example_missing', param: name });
    else if (/[\n\t]| {5,}/.test(example)) issues.push({ code: 'example_format', param: name });
  }
  if (issues.length > 0) return { ok: false, issues };
  const trimmed = Object.fromEntries(Object.entries(examples).map(([key, value]) => [key, value.trim()]));
  const components: Record<string, unknown>[] = [];
  if (form.header) {
    components.push({
      type: 'header',
      format: 'text',
      text: form.header,
      ...(headerParams.length
        ? { example: { header_text_named_params: namedExamples(headerParams, trimmed) } }
        : {}),
    });
  }
  components.push({
    type: 'body',
    text: form.body,
    ...(bodyParams.length ? { example: { body_text_named_params: namedExamples(bodyParams, trimmed) } } : {}),
  });
  if (form.footer) components.push({ type: 'footer', text: form.footer });
  return {
    ok: true,
    template: {
      name: form.name,
      language: form.language,
      category: form.category as 'utility' | 'marketing',
      parameter_format: 'named',
      components,
    },
  };
}

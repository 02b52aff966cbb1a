import { fillParameters, parametersIn } from './template-parameters';

// A stored template plus the values staff (or a feature) give: the Graph send components
// (PLATFORMS-2.md §3.4) and the filled-in text the conversation shows. Meta's list spells
// component types in capitals (BODY), our created ones in lowercase: both are read.

export type StoredTemplate = {
  name: string;
  language: string;
  parameter_format: 'named' | 'positional';
  components: Record<string, unknown>[];
};

/** One value a template needs: where it goes and what it is called in the form. */
export type TemplateField = { key: string; part: 'header' | 'body' | 'button'; name: string; index?: number };

type Part = { type: string; text?: string; url?: string; index: number };

function parts(template: StoredTemplate): { header?: Part; body?: Part; buttons: Part[] } {
  const found: { header?: Part; body?: Part; buttons: Part[] } = { buttons: [] };
  for (const component of template.components) {
    const type = String(component.type ?? '').toLowerCase();
    const text = typeof component.text === 'string' ? component.text : undefined;
    if (type === 'header' && String(component.format ?? 'text').toLowerCase() === 'text') {
      found.header = { type, text, index: 0 };
    }
    if (type === 'body') found.body = { type, text, index: 0 };
    if (type === 'buttons' && Array.isArray(component.buttons)) {
      component.buttons.forEach((button: Record<string, unknown>, index: number) => {
        if (String(button.type ?? '').toLowerCase() === 'url' && typeof button.url === 'string') {
          found.buttons.push({ type: 'url', url: button.url, index });
        }
      });
    }
  }
  return found;
}

/** Every value the template needs, header first, then body, then URL buttons. */
export function templateFields(template: StoredTemplate): TemplateField[] {
  const { header, body, buttons } = parts(template);
  const fields: TemplateField[] = [];
  for (const name of parametersIn(header?.text)) fields.push({ key: `header.${name}`, part: 'header', name });
  for (const name of parametersIn(body?.text)) fields.push({ key: `body.${name}`, part: 'body', name });
  for (const button of buttons) {
    for (const name of parametersIn(button.url)) {
      fields.push({ key: `button${button.index}.${name}`, part: 'button', name, index: button.index });
    }
  }
  return fields;
}

/** The body (with its header above it) as the customer reads it. */
export function templateText(template: StoredTemplate, values: Record<string, string> = {}): string {
  const { header, body } = parts(template);
  const fill = (part: 'header' | 'body', text: string | undefined) =>
    text
      ? fillParameters(
          text,
          Object.fromEntries(
            Object.entries(values)
              .filter(([key]) => key.startsWith(`${part}.`))
              .map(([key, value]) => [key.slice(part.length + 1), value]),
          ),
        )
      : '';
  return [fill('header', header?.text), fill('body', body?.text)].filter(Boolean).join('\n');
}

export type FilledTemplate =
  | { ok: true; text: string; components: Record<string, unknown>[] }
  | { ok: false; missing: string[]; invalid: string[] };

function parameter(template: StoredTemplate, field: TemplateField, value: string) {
  return template.parameter_format === 'named' && field.part !== 'button'
    ? { type: 'text', parameter_name: field.name, text: value }
    : { type: 'text', text: value };
}

/**
 * `values` by field key (header.nombre, body.fecha, button0.1), or a plain list taken in the
 * order of templateFields (the CLI's --params). Values may not hold new lines or tabs (Meta
 * refuses them in parameters).
 */
export function fillTemplate(
  template: StoredTemplate,
  given: Record<string, string> | string[],
): FilledTemplate {
  const fields = templateFields(template);
  const values: Record<string, string> = Array.isArray(given)
    ? Object.fromEntries(fields.map((field, i) => [field.key, given[i] ?? '']))
    : given;
  const missing = fields.filter((field) => !values[field.key]?.trim()).map((field) => field.key);
  const invalid = fields
    .filter((field) => /[\n\t]| {5,}/.test(values[field.key] ?? ''))
    .map((field) => field.key);
  if (missing.length || invalid.length) return { ok: false, missing, invalid };
  const trimmed = Object.fromEntries(fields.map((field) => [field.key, values[field.key]!.trim()]));
  const components: Record<string, unknown>[] = [];
  for (const part of ['header', 'body'] as const) {
    const own = fields.filter((field) => field.part === part);
    if (own.length) {
      components.push({ type: part, parameters: own.map((f) => parameter(template, f, trimmed[f.key]!)) });
    }
  }
  for (const field of fields.filter((f) => f.part === 'button')) {
    components.push({
      type: 'button',
      sub_type: 'url',
      index: String(field.index),
      parameters: [parameter(template, field, trimmed[field.key]!)],
    });
  }
  return { ok: true, text: templateText(template, trimmed), components };
}

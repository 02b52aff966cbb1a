import type { TemplateContent } from '@/src/channels/outbound-content';
import { actionOfButtonText, type ReminderAction, reminderChoiceId } from './reminder-choices';

// A WhatsApp template send from an approved template's stored components (as Meta lists them,
// PLATFORMS-2.md 3.1) and our values: body and header text parameters, named (`{{name}}`, sent
// with parameter_name) or positional (`{{1}}` = the values in order), and a payload for each
// quick-reply button (PLATFORMS-2.md 3.4). null when the template asks for something we cannot
// fill: it is then not sent, and staff are told why.

export type StoredTemplate = {
  name: string;
  language: string;
  parameter_format: 'positional' | 'named';
  components: Record<string, unknown>[];
};

type Filled = { content: TemplateContent; text: string };

const placeholder = /\{\{\s*([a-z0-9_]+)\s*\}\}/g;

function fill(
  text: string,
  template: StoredTemplate,
  named: Record<string, string>,
  positional: string[],
): { parameters: Record<string, unknown>[]; text: string } | null {
  const parameterValue = (key: string) =>
    template.parameter_format === 'named'
      ? named[key]
      : /^\d+$/.test(key)
        ? positional[Number(key) - 1]
        : undefined;
  const keys = [...new Set([...text.matchAll(placeholder)].map((match) => match[1]!))];
  if (keys.some((key) => !parameterValue(key))) return null;
  // Positional parameters go in their number's order, whatever order the text uses them in.
  if (template.parameter_format === 'positional') keys.sort((a, b) => Number(a) - Number(b));
  const parameters = keys.map((key) =>
    template.parameter_format === 'named'
      ? { type: 'text', parameter_name: key, text: parameterValue(key) }
      : { type: 'text', text: parameterValue(key) },
  );
  return { parameters, text: text.replace(placeholder, (_, key: string) => parameterValue(key) ?? '') };
}

export function buildTemplateContent(
  template: StoredTemplate,
  named: Record<string, string>,
  positional: string[],
  appointmentId: string | null,
): Filled | null {
  const components: Record<string, unknown>[] = [];
  let body = '';
  for (const component of template.components) {
    const type = String(component.type ?? '').toLowerCase();
    if (
      (type === 'body' ||
        (type === 'header' && String(component.format ?? 'text').toLowerCase() === 'text')) &&
      typeof component.text === 'string'
    ) {
      const filled = fill(component.text, template, named, positional);
      if (!filled) return null;
      if (filled.parameters.length > 0) components.push({ type, parameters: filled.parameters });
      if (type === 'body') body = filled.text;
    } else if (type === 'header') {
      // A media header needs a file we do not have for an automatic message.
      return null;
    } else if (type === 'buttons' && Array.isArray(component.buttons)) {
      component.buttons.forEach((button: Record<string, unknown>, index) => {
        if (String(button.type ?? '').toLowerCase() !== 'quick_reply' || !appointmentId) return;
        const action: ReminderAction | undefined = actionOfButtonText(String(button.text ?? ''), index);
        if (!action) return;
        components.push({
          type: 'button',
          sub_type: 'quick_reply',
          index: String(index),
          parameters: [{ type: 'payload', payload: reminderChoiceId(appointmentId, action) }],
        });
      });
    }
  }
  if (!body) return null;
  return {
    content: { kind: 'template', name: template.name, language: template.language, components },
    text: body,
  };
}

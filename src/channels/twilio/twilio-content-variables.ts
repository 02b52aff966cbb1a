import type { TemplateContent } from '@/src/channels/outbound-content';

// Our template content carries Graph `components` (src/channels/outbound-content.ts). Twilio
// sends a template by its Content API id (HX…) with ContentVariables, a JSON string keyed by
// the placeholders' numbers ({{1}} → "1") (PLATFORMS-2.md §11). What maps: the template's name
// is taken as the ContentSid, and the body's text parameters, in order, as "1", "2", …
// What does not: header and button parameters (Twilio fixes them in the Content template) and
// the language (a Content SID names one language already).

type Parameter = { type?: unknown; text?: unknown };

export function twilioContentVariables(content: TemplateContent): string | undefined {
  const body = content.components.find((component) => component.type === 'body');
  const parameters = Array.isArray(body?.parameters) ? (body.parameters as Parameter[]) : [];
  const texts = parameters.map((parameter) => (typeof parameter.text === 'string' ? parameter.text : ''));
  if (texts.length === 0) return undefined;
  return JSON.stringify(Object.fromEntries(texts.map((text, index) => [String(index + 1), text])));
}

import type { TemplatesMessages } from '@/src/i18n/templates-es';
import { templateFields, templateText } from '@/src/templates/fill-template';
import { offerableTemplates, type TemplatesPage } from './load-templates';
import type { OfferedTemplate, TemplateReplyTexts } from './template-reply-box';

// What the closed-window reply box offers: approved templates, with their blanks.
export function offeredTemplates(page: TemplatesPage, t: TemplatesMessages): OfferedTemplate[] {
  return offerableTemplates(page).map((row) => ({
    id: `${row.name}|${row.language}`,
    name: row.name,
    language: row.language,
    text: templateText(row),
    fields: templateFields(row).map((field) => ({
      key: field.key,
      name: field.name,
      label: t.reply.value(field.name),
    })),
  }));
}

export function templateReplyTexts(t: TemplatesMessages): TemplateReplyTexts {
  const { title, choose, none, manage, preview, send } = t.reply;
  return { title, choose, none, manage, preview, send };
}

import type { TemplatesMessages } from '@/src/i18n/templates-es';
import type { TemplateIssue } from '@/src/templates/new-template-schema';

// Every issue found in a new template, as one readable paragraph for the form.
export function templateIssuesText(issues: TemplateIssue[], t: TemplatesMessages): string {
  return issues
    .map((issue) => {
      const text = t.issues[issue.code] ?? issue.code;
      return issue.param === undefined ? text : `${text} {{${issue.param}}}`;
    })
    .join(' ');
}

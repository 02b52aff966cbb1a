'use client';

import Link from 'next/link';
import { useState } from 'react';
import { ActionForm } from '@/src/ui/action-form';
import type { ActionState } from '@/src/ui/action-state';
import { ui } from '@/src/ui/styles';

// The reply box once WhatsApp's 24 h window is closed: instead of a refusal, the approved
// templates, one field per value the chosen one needs, and the message as the customer will read
// it. The server fills and checks it again (send-template-reply.ts).

export type OfferedTemplate = {
  /** "name|language", what the form sends. */
  id: string;
  name: string;
  language: string;
  /** The text with {{blanks}}: header line, then body. */
  text: string;
  /** `label`: what staff read above the field ("Dato: nombre"). */
  fields: { key: string; name: string; label: string }[];
};

/** Plain strings only: a client component takes no functions from the server. */
export type TemplateReplyTexts = {
  title: string;
  choose: string;
  none: string;
  manage: string;
  preview: string;
  send: string;
};

function preview(template: OfferedTemplate, values: Record<string, string>): string {
  let text = template.text;
  for (const field of template.fields) {
    const value = values[field.key]?.trim();
    if (value) text = text.replace(new RegExp(`\\{\\{\\s*${field.name}\\s*\\}\\}`, 'g'), value);
  }
  return text;
}

export function TemplateReplyBox({
  action,
  tenantSlug,
  conversationId,
  windowNotice,
  templates,
  templatesHref,
  t,
}: {
  action: (state: ActionState, data: FormData) => Promise<ActionState>;
  tenantSlug: string;
  conversationId: string;
  windowNotice: string;
  templates: OfferedTemplate[];
  templatesHref: string;
  t: TemplateReplyTexts;
}) {
  const [chosenId, setChosenId] = useState(templates[0]?.id ?? '');
  const [values, setValues] = useState<Record<string, string>>({});
  const chosen = templates.find((template) => template.id === chosenId);
  return (
    <ActionForm action={action} resetOnSuccess className={`${ui.card} p-3 sm:p-5`} label={t.title}>
      <div className="space-y-2" data-testid="template-reply">
        <input type="hidden" name="tenantSlug" value={tenantSlug} />
        <input type="hidden" name="conversationId" value={conversationId} />
        <p id="reply-window" className="text-xs text-amber-900" data-testid="reply-window">
          {windowNotice}
        </p>
        <h2 className="text-sm font-semibold text-slate-900">{t.title}</h2>
        {templates.length === 0 ? (
          <p className={ui.muted}>
            {t.none}{' '}
            <Link href={templatesHref} className={ui.link}>
              {t.manage}
            </Link>
          </p>
        ) : (
          <>
            <label className={ui.label}>
              {t.choose}
              <select
                name="template"
                className={ui.input}
                value={chosenId}
                aria-describedby="reply-window"
                onChange={(event) => {
                  setChosenId(event.target.value);
                  setValues({});
                }}
              >
                {templates.map((template) => (
                  <option key={template.id} value={template.id}>
                    {template.name} ({template.language})
                  </option>
                ))}
              </select>
            </label>
            {chosen?.fields.map((field) => (
              <label key={`${chosen.id}-${field.key}`} className={ui.label}>
                {field.label}
                <input
                  name={`value_${field.key}`}
                  required
                  maxLength={500}
                  className={ui.input}
                  value={values[field.key] ?? ''}
                  onChange={(event) => setValues({ ...values, [field.key]: event.target.value })}
                />
              </label>
            ))}
            {chosen && (
              <div className="rounded-lg bg-emerald-50 px-3 py-2 text-sm text-slate-900">
                <p className="text-xs font-medium text-emerald-900">{t.preview}</p>
                <p className="whitespace-pre-wrap [overflow-wrap:anywhere]" data-testid="template-preview">
                  {preview(chosen, values)}
                </p>
              </div>
            )}
            <div className="flex flex-wrap items-center gap-3">
              <button type="submit" className={ui.button}>
                {t.send}
              </button>
              <Link href={templatesHref} className={`text-sm ${ui.link}`}>
                {t.manage}
              </Link>
            </div>
          </>
        )}
      </div>
    </ActionForm>
  );
}

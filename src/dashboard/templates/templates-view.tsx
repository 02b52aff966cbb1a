import type { Messages } from '@/src/i18n/messages-es';
import { templateText } from '@/src/templates/fill-template';
import { templateLanguages } from '@/src/templates/new-template-schema';
import { templatePresets } from '@/src/templates/template-presets';
import { ActionForm } from '@/src/ui/action-form';
import type { ActionState } from '@/src/ui/action-state';
import { Badge } from '@/src/ui/badge';
import { ui } from '@/src/ui/styles';
import type { TemplatesPage } from './load-templates';
import { rejectionText, templateStatusTone } from './template-status-text';

type Action = (state: ActionState, data: FormData) => Promise<ActionState>;

// The templates page: what the business has (status and, when rejected, why), the five
// ready-made ones, and a form for a new one. Only owners and admins get the forms.

function TemplateList({ page, t }: { page: TemplatesPage; t: Messages }) {
  const m = t.templates;
  if (page.templates.length === 0) return <p className={ui.muted}>{m.empty}</p>;
  return (
    <ul className="space-y-3" aria-label={m.title}>
      {page.templates.map((row) => {
        const rejection = row.status === 'rejected' ? rejectionText(row.rejection_reason, m) : null;
        return (
          <li key={row.id} className={`${ui.card} p-4`} data-testid="template" data-name={row.name}>
            <div className="flex flex-wrap items-center gap-2">
              <span className="font-mono text-sm font-semibold text-slate-900 [overflow-wrap:anywhere]">
                {row.name}
              </span>
              <Badge>{m.languages[row.language] ?? row.language}</Badge>
              <Badge tone="info">{m.category[row.category] ?? row.category}</Badge>
              <Badge tone={templateStatusTone(row.status)}>
                <span data-testid="template-status">{m.status[row.status] ?? row.status}</span>
              </Badge>
            </div>
            <p className="mt-2 whitespace-pre-wrap text-sm text-slate-800 [overflow-wrap:anywhere]">
              {templateText(row)}
            </p>
            {m.statusHelp[row.status] && <p className={ui.help}>{m.statusHelp[row.status]}</p>}
            {rejection && (
              <p className="mt-2 text-sm text-rose-800" data-testid="rejection">
                <strong>{m.rejectedBecause}</strong> {rejection}
              </p>
            )}
            {row.status_note && row.status !== 'rejected' && <p className={ui.help}>{row.status_note}</p>}
          </li>
        );
      })}
    </ul>
  );
}

function Presets({ action, slug, t }: { action: Action; slug: string; t: Messages }) {
  const m = t.templates;
  return (
    <section className={`${ui.card} space-y-3`} aria-labelledby="presets-title">
      <h2 id="presets-title" className={ui.h2}>
        {m.presetsTitle}
      </h2>
      <p className={ui.muted}>{m.presetsIntro}</p>
      <ul className="grid gap-3 sm:grid-cols-2">
        {templatePresets.map((preset) => (
          <li key={preset.name} className="rounded-lg border border-slate-200 p-3" data-testid="preset">
            <p className="font-mono text-sm font-semibold">{preset.name}</p>
            <p className="text-xs text-slate-600">
              {m.category[preset.category]} · {preset.purpose}
            </p>
            <p className="mt-1 text-sm text-slate-800">{preset.body}</p>
            <ActionForm action={action} label={`${m.usePreset}: ${preset.name}`}>
              <input type="hidden" name="tenantSlug" value={slug} />
              <input type="hidden" name="name" value={preset.name} />
              <input type="hidden" name="language" value="es_MX" />
              <input type="hidden" name="category" value={preset.category} />
              <input type="hidden" name="body" value={preset.body} />
              <input type="hidden" name="footer" value={preset.footer ?? ''} />
              {Object.entries(preset.examples).map(([key, value]) => (
                <input key={key} type="hidden" name={`example_${key}`} value={value} />
              ))}
              <button type="submit" className={`${ui.buttonSecondary} mt-2`}>
                {m.usePreset}
              </button>
            </ActionForm>
          </li>
        ))}
      </ul>
    </section>
  );
}

function CreateForm({ action, slug, t }: { action: Action; slug: string; t: Messages }) {
  const m = t.templates;
  const f = m.fields;
  return (
    <section className={ui.card} aria-labelledby="create-title">
      <h2 id="create-title" className={ui.h2}>
        {m.createTitle}
      </h2>
      <ActionForm action={action} label={m.createTitle}>
        <div className="mt-3 space-y-3">
          <input type="hidden" name="tenantSlug" value={slug} />
          <label className={ui.label}>
            {f.name}
            <input name="name" required maxLength={512} className={ui.input} aria-describedby="name-help" />
          </label>
          <p id="name-help" className={ui.help}>
            {f.nameHelp}
          </p>
          <div className="grid gap-3 sm:grid-cols-2">
            <label className={ui.label}>
              {f.language}
              <select name="language" className={ui.input} defaultValue="es_MX">
                {templateLanguages.map((code) => (
                  <option key={code} value={code}>
                    {m.languages[code]}
                  </option>
                ))}
              </select>
            </label>
            <label className={ui.label}>
              {f.category}
              <select name="category" className={ui.input} defaultValue="utility">
                <option value="utility">{m.category.utility}</option>
                <option value="marketing">{m.category.marketing}</option>
              </select>
            </label>
          </div>
          <p className={ui.help}>{m.categoryHelp}</p>
          <label className={ui.label}>
            {f.header}
            <input name="header" maxLength={60} className={ui.input} />
          </label>
          <label className={ui.label}>
            {f.body}
            <textarea
              name="body"
              required
              rows={4}
              maxLength={1024}
              className={ui.input}
              aria-describedby="body-help"
            />
          </label>
          <p id="body-help" className={ui.help}>
            {f.bodyHelp}
          </p>
          <label className={ui.label}>
            {f.footer}
            <input name="footer" maxLength={60} className={ui.input} />
          </label>
          <label className={ui.label}>
            {f.examples}
            <textarea name="examples" rows={3} className={ui.input} aria-describedby="examples-help" />
          </label>
          <p id="examples-help" className={ui.help}>
            {f.examplesHelp}
          </p>
          <button type="submit" className={ui.button}>
            {m.create}
          </button>
        </div>
      </ActionForm>
    </section>
  );
}

export function TemplatesView({
  page,
  slug,
  admin,
  t,
  actions,
}: {
  page: TemplatesPage;
  slug: string;
  admin: boolean;
  t: Messages;
  actions: { sync: Action; create: Action };
}) {
  const m = t.templates;
  if (!page.connection) return <p className={ui.muted}>{m.noConnection}</p>;
  return (
    <div className="space-y-6">
      {page.connection.mode === 'sandbox' && (
        <p className="rounded-lg bg-sky-50 px-3 py-2 text-sm text-sky-900">{m.sandboxNote}</p>
      )}
      {admin && (
        <ActionForm action={actions.sync} label={m.sync}>
          <input type="hidden" name="tenantSlug" value={slug} />
          <button type="submit" className={ui.buttonSecondary}>
            {m.sync}
          </button>
        </ActionForm>
      )}
      <TemplateList page={page} t={t} />
      {admin && <Presets action={actions.create} slug={slug} t={t} />}
      {admin && <CreateForm action={actions.create} slug={slug} t={t} />}
    </div>
  );
}

import type { Messages } from '@/src/i18n/messages-es';
import { ActionForm } from '@/src/ui/action-form';
import type { ActionState } from '@/src/ui/action-state';
import { ui } from '@/src/ui/styles';
import { formatDayHours, weekDays } from './ai-form';
import type { AiSettings } from './load-ai-settings';

const knownModels = ['claude-haiku-5-5', 'claude-sonnet-5-5', 'claude-opus-5-5'];

function Text({
  name,
  label,
  help,
  defaultValue,
  rows,
  type = 'text',
}: {
  name: string;
  label: string;
  help?: string;
  defaultValue: string | number;
  rows?: number;
  type?: string;
}) {
  const id = `ai-${name}`;
  return (
    <div>
      <label htmlFor={id} className={ui.label}>
        {label}
      </label>
      {rows ? (
        <textarea id={id} name={name} rows={rows} defaultValue={defaultValue} className={ui.input} />
      ) : (
        <input id={id} name={name} type={type} defaultValue={defaultValue} className={ui.input} />
      )}
      {help && <p className={ui.help}>{help}</p>}
    </div>
  );
}

// The whole AI configuration as one form. Agents see it read-only (the fieldset is disabled and
// the SQL function refuses them anyway).
export function AiSettingsForm({
  settings,
  tenantSlug,
  defaultModel,
  canEdit,
  t,
  action,
}: {
  settings: AiSettings;
  tenantSlug: string;
  defaultModel: string;
  canEdit: boolean;
  t: Messages;
  action: (state: ActionState, data: FormData) => Promise<ActionState>;
}) {
  const a = t.ai;
  const services = [...settings.knowledge.services, {}, {}] as Partial<
    AiSettings['knowledge']['services'][number]
  >[];
  const faqs = [...settings.knowledge.faqs, {}, {}] as Partial<AiSettings['knowledge']['faqs'][number]>[];
  return (
    <ActionForm action={action} className="space-y-6" label={a.title}>
      <input type="hidden" name="tenantSlug" value={tenantSlug} />
      <fieldset disabled={!canEdit} className="space-y-6">
        <section className={`${ui.card} space-y-4`}>
          <Text
            name="system_prompt"
            label={a.prompt}
            help={a.promptHelp}
            rows={8}
            defaultValue={settings.system_prompt}
          />
          <div className="grid gap-4 md:grid-cols-3">
            <Text name="response_style" label={a.style} defaultValue={settings.response_style} />
            <div>
              <label htmlFor="ai-model" className={ui.label}>
                {a.model}
              </label>
              <input
                id="ai-model"
                name="model"
                list="ai-models"
                defaultValue={settings.model ?? ''}
                className={ui.input}
              />
              <datalist id="ai-models">
                {knownModels.map((model) => (
                  <option key={model} value={model} />
                ))}
              </datalist>
              <p className={ui.help}>{a.modelHelp(defaultModel)}</p>
            </div>
            <Text name="max_tokens" label={a.maxTokens} type="number" defaultValue={settings.max_tokens} />
          </div>
          <Text
            name="fallback_message"
            label={a.fallback}
            help={a.fallbackHelp}
            rows={2}
            defaultValue={settings.fallback_message}
          />
          <div className="grid gap-4 md:grid-cols-2">
            <Text
              name="escalation_keywords"
              label={a.keywords}
              help={a.keywordsHelp}
              rows={5}
              defaultValue={settings.escalation_keywords.join('\n')}
            />
            <Text
              name="auto_escalate_after_messages"
              label={a.escalateAfter}
              help={a.escalateAfterHelp}
              type="number"
              defaultValue={settings.auto_escalate_after_messages ?? ''}
            />
          </div>
        </section>

        <section className={`${ui.card} space-y-4`} aria-labelledby="ai-hours">
          <h2 id="ai-hours" className={ui.h2}>
            {a.hours}
          </h2>
          <p className={ui.muted}>{a.hoursHelp}</p>
          <div className="grid gap-4 md:grid-cols-2">
            <Text
              name="hours.timezone"
              label={a.timezone}
              defaultValue={settings.business_hours.timezone ?? ''}
            />
            <Text name="hours.notes" label={a.notes} defaultValue={settings.business_hours.notes ?? ''} />
          </div>
          <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
            {weekDays.map((day) => (
              <Text
                key={day}
                name={`hours.${day}`}
                label={a.days[day]}
                defaultValue={formatDayHours(settings.business_hours.weekly?.[day])}
              />
            ))}
          </div>
        </section>

        <section className={`${ui.card} space-y-4`} aria-labelledby="ai-knowledge">
          <h2 id="ai-knowledge" className={ui.h2}>
            {a.knowledge}
          </h2>
          <p className={ui.muted}>{a.blankRowsHelp}</p>
          <h3 className="text-sm font-semibold text-slate-900">{a.services}</h3>
          <div className="space-y-3">
            {services.map((service, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional form fields
              <div key={index} className="grid gap-2 rounded-lg bg-slate-50 p-3 md:grid-cols-4">
                <Text
                  name={`service.${index}.name`}
                  label={a.serviceName}
                  defaultValue={service.name ?? ''}
                />
                <Text
                  name={`service.${index}.price`}
                  label={a.servicePrice}
                  defaultValue={service.price ?? ''}
                />
                <Text
                  name={`service.${index}.duration`}
                  label={a.serviceDuration}
                  defaultValue={service.duration ?? ''}
                />
                <Text
                  name={`service.${index}.description`}
                  label={a.serviceDescription}
                  defaultValue={service.description ?? ''}
                />
              </div>
            ))}
          </div>
          <h3 className="text-sm font-semibold text-slate-900">{a.faqs}</h3>
          <div className="space-y-3">
            {faqs.map((faq, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional form fields
              <div key={index} className="grid gap-2 rounded-lg bg-slate-50 p-3 md:grid-cols-2">
                <Text name={`faq.${index}.question`} label={a.question} defaultValue={faq.question ?? ''} />
                <Text
                  name={`faq.${index}.answer`}
                  label={a.answer}
                  rows={2}
                  defaultValue={faq.answer ?? ''}
                />
              </div>
            ))}
          </div>
        </section>
      </fieldset>
      {canEdit ? (
        <button type="submit" className={ui.button}>
          {t.common.save}
        </button>
      ) : (
        <p className={ui.muted}>{a.readOnly}</p>
      )}
    </ActionForm>
  );
}

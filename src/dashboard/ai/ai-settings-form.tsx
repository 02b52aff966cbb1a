import type { ComponentProps } from 'react';
import type { Messages } from '@/src/i18n/messages-es';
import { ActionForm } from '@/src/ui/action-form';
import type { ActionState } from '@/src/ui/action-state';
import { CardSection } from '@/src/ui/card-section';
import { ui } from '@/src/ui/styles';
import { TextField } from '@/src/ui/text-field';
import { formatDayHours, weekDays } from './ai-form';
import type { AiSettings } from './load-ai-settings';

const knownModels = ['claude-haiku-5-5', 'claude-sonnet-5-5', 'claude-opus-5-5'];

// Each field's id follows its name (ai-<name>): unique on the page, stable for the labels.
function Text(props: Omit<ComponentProps<typeof TextField>, 'id'>) {
  return <TextField id={`ai-${props.name}`} {...props} />;
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
    <ActionForm action={action} label={a.title}>
      <div className="space-y-6">
        <input type="hidden" name="tenantSlug" value={tenantSlug} />
        <fieldset disabled={!canEdit} className="space-y-6">
          <section className={`${ui.card} space-y-4`}>
            <Text
              name="system_prompt"
              label={a.prompt}
              hint={a.promptHelp}
              rows={8}
              defaultValue={settings.system_prompt}
            />
            <div className="grid gap-4 md:grid-cols-3">
              <Text name="response_style" label={a.style} defaultValue={settings.response_style} />
              <TextField
                id="ai-model"
                name="model"
                label={a.model}
                list="ai-models"
                defaultValue={settings.model ?? ''}
                hint={a.modelHelp(defaultModel)}
              />
              <datalist id="ai-models">
                {knownModels.map((model) => (
                  <option key={model} value={model} />
                ))}
              </datalist>
              <Text name="max_tokens" label={a.maxTokens} type="number" defaultValue={settings.max_tokens} />
            </div>
            <Text
              name="fallback_message"
              label={a.fallback}
              hint={a.fallbackHelp}
              rows={2}
              defaultValue={settings.fallback_message}
            />
            <div className="grid gap-4 md:grid-cols-2">
              <Text
                name="escalation_keywords"
                label={a.keywords}
                hint={a.keywordsHelp}
                rows={5}
                defaultValue={settings.escalation_keywords.join('\n')}
              />
              <Text
                name="auto_escalate_after_messages"
                label={a.escalateAfter}
                hint={a.escalateAfterHelp}
                type="number"
                defaultValue={settings.auto_escalate_after_messages ?? ''}
              />
            </div>
          </section>

          <CardSection id="ai-hours" title={a.hours} className="space-y-4">
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
          </CardSection>

          <CardSection id="ai-knowledge" title={a.knowledge} className="space-y-4">
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
          </CardSection>
        </fieldset>
        {canEdit ? (
          <button type="submit" className={ui.button}>
            {t.common.save}
          </button>
        ) : (
          <p className={ui.muted}>{a.readOnly}</p>
        )}
      </div>
    </ActionForm>
  );
}

import type { AiProviderName } from '@/src/ai/model-allowlist';
import type { Messages } from '@/src/i18n/messages-es';
import { ui } from '@/src/ui/styles';
import { AiSectionForm, AiText, type SectionAction } from './ai-section-form';
import type { AiSettings } from './load-ai-settings';

export type ProviderChoice = {
  name: AiProviderName;
  defaultModel: string;
  /** The models this deployment allows (ANTHROPIC_MODELS / OPENAI_MODELS). */
  models: string[];
  /** Its key is set in this deployment. */
  configured: boolean;
};

export function AiAdvancedSection(props: {
  settings: AiSettings;
  tenantSlug: string;
  providers: ProviderChoice[];
  canEdit: boolean;
  t: Messages;
  action: SectionAction;
}) {
  const a = props.t.ai;
  const p = props.t.aiProvider;
  const chosen = props.providers.find((provider) => provider.name === props.settings.ai_provider);
  const [claude, openai] = ['anthropic', 'openai'].map(
    (name) => props.providers.find((provider) => provider.name === name)?.models ?? [],
  );
  return (
    <AiSectionForm section="advanced" title={a.sections.advanced} intro={a.sectionIntro.advanced} {...props}>
      <fieldset className="space-y-2">
        <legend className={ui.label}>{p.title}</legend>
        {props.providers.map((provider) => (
          <label
            key={provider.name}
            className="flex items-start gap-2 rounded-lg border border-slate-200 p-3 text-sm"
          >
            <input
              type="radio"
              name="ai_provider"
              value={provider.name}
              defaultChecked={props.settings.ai_provider === provider.name}
              className="mt-1"
            />
            <span className="text-slate-900">
              {p[provider.name]}
              {!provider.configured && <span className="text-slate-600"> ({p.notConfigured})</span>}
            </span>
          </label>
        ))}
        <p className={ui.help}>{p.help}</p>
        <label className="flex items-start gap-2 text-sm">
          <input
            type="checkbox"
            name="ai_provider_fallback"
            defaultChecked={props.settings.ai_provider_fallback}
            className="mt-1"
          />
          <span className="text-slate-900">{p.fallback}</span>
        </label>
        <p className={ui.help}>{p.fallbackHelp}</p>
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-2">
        <AiText
          name="model"
          label={a.model}
          list="ai-models"
          defaultValue={props.settings.model ?? ''}
          hint={`${a.modelHelp(chosen?.defaultModel ?? '')} ${p.modelChoices(claude!, openai!)}`}
        />
        <datalist id="ai-models">
          {props.providers
            .flatMap((provider) => provider.models)
            .map((model) => (
              <option key={model} value={model} />
            ))}
        </datalist>
        <AiText
          name="max_tokens"
          label={a.maxTokens}
          hint={a.maxTokensHelp}
          type="number"
          inputMode="numeric"
          defaultValue={props.settings.max_tokens}
        />
      </div>
    </AiSectionForm>
  );
}

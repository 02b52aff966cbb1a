import type { Messages } from '@/src/i18n/messages-es';
import { AiSectionForm, AiText, type SectionAction } from './ai-section-form';
import type { AiSettings } from './load-ai-settings';

export function AiAdvancedSection(props: {
  settings: AiSettings;
  tenantSlug: string;
  defaultModel: string;
  /** The models this deployment allows (ANTHROPIC_MODELS). */
  models: string[];
  canEdit: boolean;
  t: Messages;
  action: SectionAction;
}) {
  const a = props.t.ai;
  return (
    <AiSectionForm section="advanced" title={a.sections.advanced} intro={a.sectionIntro.advanced} {...props}>
      <div className="grid gap-4 sm:grid-cols-2">
        <AiText
          name="model"
          label={a.model}
          list="ai-models"
          defaultValue={props.settings.model ?? ''}
          hint={`${a.modelHelp(props.defaultModel)} ${props.t.aiSpend.modelChoices(props.models)}`}
        />
        <datalist id="ai-models">
          {props.models.map((model) => (
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

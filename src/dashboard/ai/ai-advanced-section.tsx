import type { Messages } from '@/src/i18n/messages-es';
import { AiSectionForm, AiText, type SectionAction } from './ai-section-form';
import type { AiSettings } from './load-ai-settings';

const knownModels = ['claude-haiku-5-5', 'claude-sonnet-5-5', 'claude-opus-5-5'];

export function AiAdvancedSection(props: {
  settings: AiSettings;
  tenantSlug: string;
  defaultModel: string;
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
          hint={a.modelHelp(props.defaultModel)}
        />
        <datalist id="ai-models">
          {knownModels.map((model) => (
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

import type { Messages } from '@/src/i18n/messages-es';
import { AiSectionForm, AiText, type SectionAction } from './ai-section-form';
import type { AiSettings } from './load-ai-settings';

export function AiVoiceSection(props: {
  settings: AiSettings;
  tenantSlug: string;
  canEdit: boolean;
  t: Messages;
  action: SectionAction;
}) {
  const a = props.t.ai;
  return (
    <AiSectionForm section="voice" title={a.sections.voice} intro={a.sectionIntro.voice} {...props}>
      <AiText
        name="system_prompt"
        label={a.prompt}
        hint={a.promptHelp}
        rows={6}
        defaultValue={props.settings.system_prompt}
      />
      <AiText
        name="response_style"
        label={a.style}
        hint={a.styleHelp}
        defaultValue={props.settings.response_style}
      />
    </AiSectionForm>
  );
}

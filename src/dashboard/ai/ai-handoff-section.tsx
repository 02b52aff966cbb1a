import type { Messages } from '@/src/i18n/messages-es';
import { AiSectionForm, AiText, type SectionAction } from './ai-section-form';
import type { AiSettings } from './load-ai-settings';

export function AiHandoffSection(props: {
  settings: AiSettings;
  tenantSlug: string;
  canEdit: boolean;
  t: Messages;
  action: SectionAction;
}) {
  const a = props.t.ai;
  const { settings } = props;
  return (
    <AiSectionForm section="handoff" title={a.sections.handoff} intro={a.sectionIntro.handoff} {...props}>
      <AiText
        name="escalation_keywords"
        label={a.keywords}
        hint={a.keywordsHelp}
        rows={3}
        defaultValue={settings.escalation_keywords.join('\n')}
      />
      <AiText
        name="auto_escalate_after_messages"
        label={a.escalateAfter}
        hint={a.escalateAfterHelp}
        type="number"
        inputMode="numeric"
        defaultValue={settings.auto_escalate_after_messages ?? ''}
      />
      <AiText
        name="fallback_message"
        label={a.fallback}
        hint={a.fallbackHelp}
        rows={2}
        defaultValue={settings.fallback_message}
      />
    </AiSectionForm>
  );
}

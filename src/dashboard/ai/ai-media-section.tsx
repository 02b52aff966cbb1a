import type { Messages } from '@/src/i18n/messages-es';
import { ui } from '@/src/ui/styles';
import { AiSectionForm, AiText, type SectionAction } from './ai-section-form';
import type { AiSettings } from './load-ai-settings';

const megabyte = 1024 * 1024;

// Photos, PDFs and voice notes: how many bytes of files go to the AI with one reply (cost), and
// what happens with a voice note nobody could transcribe.
export function AiMediaSection(props: {
  settings: AiSettings;
  tenantSlug: string;
  canEdit: boolean;
  t: Messages;
  action: SectionAction;
}) {
  const m = props.t.aiMedia;
  const { settings } = props;
  const choices = [
    ['ask_to_write', m.voiceAskToWrite],
    ['hand_over', m.voiceHandOver],
  ] as const;
  return (
    <AiSectionForm section="media" title={m.title} intro={m.intro} {...props}>
      <AiText
        name="media_turn_budget_mb"
        label={m.budget}
        hint={m.budgetHelp}
        type="number"
        inputMode="numeric"
        defaultValue={Math.round(settings.media_turn_byte_budget / megabyte)}
      />
      <fieldset className="space-y-2">
        <legend className={ui.label}>{m.voiceTitle}</legend>
        {choices.map(([value, label]) => (
          <label
            key={value}
            className="flex items-start gap-2 rounded-lg border border-slate-200 p-3 text-sm"
          >
            <input
              type="radio"
              name="voice_without_transcript"
              value={value}
              defaultChecked={settings.voice_without_transcript === value}
              className="mt-1"
            />
            <span className="text-slate-900">{label}</span>
          </label>
        ))}
        <p className={ui.help}>{m.voiceHelp}</p>
      </fieldset>
    </AiSectionForm>
  );
}

import type { Messages } from '@/src/i18n/messages-es';
import { SelectField } from '@/src/ui/select-field';
import { ui } from '@/src/ui/styles';
import { AiSectionForm, AiText, type SectionAction } from './ai-section-form';
import type { AutoMessages } from './auto-messages';

function Switch({
  name,
  label,
  hint,
  checked,
}: {
  name: string;
  label: string;
  hint: string;
  checked: boolean;
}) {
  return (
    <div className="flex items-start gap-3">
      <input
        id={`ai-${name}`}
        type="checkbox"
        name={name}
        defaultChecked={checked}
        aria-describedby={`ai-${name}-hint`}
        className="mt-1 h-4 w-4"
      />
      <div>
        <label htmlFor={`ai-${name}`} className={ui.label}>
          {label}
        </label>
        <p id={`ai-${name}-hint`} className={ui.help}>
          {hint}
        </p>
      </div>
    </div>
  );
}

export function AiAutoMessagesSection(props: {
  auto: AutoMessages;
  tenantSlug: string;
  canEdit: boolean;
  t: Messages;
  action: SectionAction;
}) {
  const { t, auto } = props;
  const a = t.ai;
  return (
    <AiSectionForm
      section="auto"
      title={a.sections.autoMessages}
      intro={a.sectionIntro.autoMessages}
      {...props}
    >
      <Switch
        name="greeting_enabled"
        label={a.auto.greetingEnabled}
        hint={a.auto.greetingEnabledHelp}
        checked={auto.greeting_enabled}
      />
      <AiText
        name="greeting_text"
        label={a.auto.greetingText}
        hint={a.auto.greetingTextHelp}
        rows={2}
        maxLength={1000}
        defaultValue={auto.greeting_text}
      />
      <Switch
        name="away_enabled"
        label={a.auto.awayEnabled}
        hint={a.auto.awayEnabledHelp}
        checked={auto.away_enabled}
      />
      <AiText
        name="away_text"
        label={a.auto.awayText}
        hint={a.auto.awayTextHelp}
        rows={2}
        maxLength={1000}
        defaultValue={auto.away_text}
      />
      <h3 className="text-sm font-semibold text-slate-900">{a.auto.channelsTitle}</h3>
      <p className={ui.muted}>{a.auto.channelsHelp}</p>
      {auto.channels.length === 0 && <p className={ui.muted}>{a.auto.noChannels}</p>}
      <div className="grid gap-3 sm:grid-cols-2">
        {auto.channels.map((connection) => (
          <SelectField
            key={connection.id}
            id={`ai-channel-${connection.id}`}
            name={`channel.${connection.id}`}
            label={
              connection.display_name ||
              (t.channels as Record<string, string>)[connection.channel] ||
              connection.channel
            }
            defaultValue={connection.auto_messages ? 'follow' : 'off'}
            options={[
              { value: 'follow', label: a.auto.channelFollow },
              { value: 'off', label: a.auto.channelOff },
            ]}
          />
        ))}
      </div>
    </AiSectionForm>
  );
}

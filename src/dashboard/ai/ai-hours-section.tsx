import type { Messages } from '@/src/i18n/messages-es';
import { formatDayHours, weekDays } from './ai-form';
import { AiSectionForm, AiText, type SectionAction } from './ai-section-form';
import type { AiSettings } from './load-ai-settings';

export function AiHoursSection(props: {
  settings: AiSettings;
  tenantSlug: string;
  canEdit: boolean;
  t: Messages;
  action: SectionAction;
}) {
  const a = props.t.ai;
  const hours = props.settings.business_hours;
  return (
    <AiSectionForm section="hours" title={a.sections.hours} intro={a.sectionIntro.hours} {...props}>
      <p className={'text-sm text-slate-700'}>{a.hoursHelp}</p>
      <div className="grid gap-3 sm:grid-cols-2">
        {weekDays.map((day) => (
          <AiText
            key={day}
            name={`hours.${day}`}
            label={a.days[day]}
            defaultValue={formatDayHours(hours.weekly?.[day])}
          />
        ))}
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <AiText
          name="hours.timezone"
          label={a.timezone}
          hint={a.timezoneHelp}
          defaultValue={hours.timezone ?? ''}
        />
        <AiText name="hours.notes" label={a.notes} hint={a.notesHelp} defaultValue={hours.notes ?? ''} />
      </div>
    </AiSectionForm>
  );
}

import type { Messages } from '@/src/i18n/messages-es';
import { ActionForm } from '@/src/ui/action-form';
import type { ActionState } from '@/src/ui/action-state';
import { CardSection } from '@/src/ui/card-section';
import { ui } from '@/src/ui/styles';
import { TextField } from '@/src/ui/text-field';
import { formatHoursList, type ReminderSettings } from './reminder-settings';

type Action = (state: ActionState, data: FormData) => Promise<ActionState>;

function Check({
  name,
  label,
  checked,
  disabled,
}: {
  name: string;
  label: string;
  checked: boolean;
  disabled: boolean;
}) {
  return (
    <div className="flex items-start gap-3 sm:col-span-2">
      <input
        id={`reminders-${name}`}
        type="checkbox"
        name={name}
        defaultChecked={checked}
        disabled={disabled}
        className="mt-1 h-5 w-5"
      />
      <label htmlFor={`reminders-${name}`} className={ui.label}>
        {label}
      </label>
    </div>
  );
}

// "Recordatorios y seguimientos": offsets before each appointment, follow-up steps, the
// day-after thank-you and its review link. Admins save; everyone else reads.
export function ReminderSettingsForm({
  settings,
  tenantSlug,
  t,
  canEdit,
  action,
}: {
  settings: ReminderSettings;
  tenantSlug: string;
  t: Messages;
  canEdit: boolean;
  action: Action;
}) {
  const r = t.reminders;
  const fields = (
    <div className="mt-3 grid gap-4 sm:grid-cols-2">
      <input type="hidden" name="tenantSlug" value={tenantSlug} />
      <TextField
        id="reminders-offsets"
        name="reminder_offsets"
        label={r.offsetsLabel}
        hint={r.offsetsHint}
        defaultValue={formatHoursList(settings.reminder_offsets_minutes, 1)}
        maxLength={60}
        inputMode="text"
      />
      <TextField
        id="reminders-follow-ups"
        name="follow_up_hours"
        label={r.followUpsLabel}
        hint={r.followUpsHint}
        defaultValue={formatHoursList(settings.follow_up_hours, 60)}
        maxLength={60}
      />
      <Check
        name="follow_ups_enabled"
        label={r.followUpsEnabled}
        checked={settings.follow_ups_enabled}
        disabled={!canEdit}
      />
      <Check
        name="thank_you_enabled"
        label={r.thankYouEnabled}
        checked={settings.thank_you_enabled}
        disabled={!canEdit}
      />
      <TextField
        id="reminders-review-url"
        name="review_url"
        label={r.reviewUrlLabel}
        hint={r.reviewUrlHint}
        type="url"
        defaultValue={settings.review_url ?? ''}
        maxLength={500}
        className="sm:col-span-2"
      />
      {canEdit ? (
        <div>
          <button type="submit" className={ui.button}>
            {r.save}
          </button>
        </div>
      ) : (
        <p className={`${ui.muted} sm:col-span-2`}>{r.onlyAdmins}</p>
      )}
    </div>
  );
  return (
    <CardSection id="settings-reminders" title={r.settingsTitle} testId="reminder-settings">
      <p className={`mt-1 ${ui.muted}`}>{r.settingsIntro}</p>
      <p className={`mt-2 ${ui.help}`}>{r.windowNote}</p>
      {canEdit ? (
        <ActionForm action={action} label={r.settingsTitle}>
          {fields}
        </ActionForm>
      ) : (
        fields
      )}
    </CardSection>
  );
}

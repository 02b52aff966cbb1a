import type { ResultOf } from '@/src/db/function-types';
import type { Messages } from '@/src/i18n/messages-es';
import { Badge, type BadgeTone } from '@/src/ui/badge';
import { formatDateTime } from '@/src/ui/format-date';

export type AppointmentReminder = ResultOf<'dashboard_appointment_reminders'>[number];

const tone: Record<AppointmentReminder['status'], BadgeTone> = {
  scheduled: 'info',
  sent: 'good',
  not_sent: 'bad',
  withdrawn: 'neutral',
};

function hoursLabel(minutes: number): string {
  return minutes % 60 === 0 ? `${minutes / 60} h` : `${minutes} min`;
}

// An appointment's reminders on its calendar card: when each goes or went, and, for one that
// could not go, why (outside the reply window without an approved template, no channel, …).
export function ReminderStatus({
  reminders,
  t,
  timezone,
}: {
  reminders: AppointmentReminder[];
  t: Messages;
  timezone: string;
}) {
  if (reminders.length === 0) return null;
  const r = t.reminders;
  return (
    <div className="mt-2 border-t border-slate-100 pt-2" data-testid="appointment-reminders">
      <p className="text-xs font-medium uppercase tracking-wide text-slate-500">{r.statusTitle}</p>
      <ul className="mt-1 space-y-1">
        {reminders.map((reminder) => (
          <li key={reminder.id} className="text-sm text-slate-800" data-reminder-status={reminder.status}>
            <span className="flex flex-wrap items-center gap-x-2 gap-y-1">
              <span>
                {reminder.kind === 'thank_you'
                  ? r.thankYou
                  : r.reminderBefore(hoursLabel(reminder.offset_minutes))}
              </span>
              <Badge tone={tone[reminder.status]}>{r.statuses[reminder.status] ?? reminder.status}</Badge>
              <span className="text-xs text-slate-500">
                {formatDateTime(reminder.due_at, t.locale, timezone)}
              </span>
            </span>
            {reminder.status === 'not_sent' && (
              <span className="mt-0.5 block text-xs text-red-700">
                {(reminder.reason && r.reasons[reminder.reason]) || r.unknownReason}
              </span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

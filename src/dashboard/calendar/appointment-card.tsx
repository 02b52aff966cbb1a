import Link from 'next/link';
import type { Messages } from '@/src/i18n/messages-es';
import { ActionForm } from '@/src/ui/action-form';
import type { ActionState } from '@/src/ui/action-state';
import { Badge, type BadgeTone } from '@/src/ui/badge';
import { formatTime } from '@/src/ui/format-date';
import { ui } from '@/src/ui/styles';
import type { CalendarAppointment } from './load-calendar';
import { type AppointmentReminder, ReminderStatus } from './reminder-status';

type StatusAction = (state: ActionState, data: FormData) => Promise<ActionState>;

export const statusTone: Record<CalendarAppointment['status'], BadgeTone> = {
  requested: 'warn',
  confirmed: 'good',
  cancelled: 'neutral',
  completed: 'info',
  no_show: 'bad',
};

// What staff may do next, as SQL allows it (cancelled is final; attended ⇄ no-show).
function nextStatuses(
  status: CalendarAppointment['status'],
): Array<'confirmed' | 'completed' | 'no_show' | 'cancelled'> {
  switch (status) {
    case 'requested':
      return ['confirmed', 'cancelled'];
    case 'confirmed':
      return ['completed', 'no_show', 'cancelled'];
    case 'completed':
      return ['no_show'];
    case 'no_show':
      return ['completed'];
    default:
      return [];
  }
}

// One appointment: time, service, who attends, the customer (one click to their page and
// conversations), status, and the buttons for what can happen next.
export function AppointmentCard({
  appointment: a,
  tenantSlug,
  t,
  locale,
  setStatus,
  moveHref,
  reminders = [],
}: {
  appointment: CalendarAppointment;
  tenantSlug: string;
  t: Messages;
  locale: string;
  setStatus?: StatusAction;
  moveHref?: string;
  reminders?: AppointmentReminder[];
}) {
  const c = t.calendar;
  const name = a.lead_name ?? c.unnamedLead;
  const labels = { confirmed: c.confirm, completed: c.complete, no_show: c.noShow, cancelled: c.cancel };
  const next = nextStatuses(a.status);
  const live = a.status === 'requested' || a.status === 'confirmed';
  return (
    <li
      className="rounded-lg border border-slate-200 bg-white p-3"
      data-testid="appointment"
      data-status={a.status}
    >
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <span className="font-semibold tabular-nums text-slate-900">
          {formatTime(a.starts_at, locale, a.timezone)}–{formatTime(a.ends_at, locale, a.timezone)}
        </span>
        <Badge tone={statusTone[a.status]}>{c.statuses[a.status] ?? a.status}</Badge>
      </div>
      <p className="mt-1 text-sm text-slate-900">
        <span className="font-medium">{a.service_name}</span> · {c.with} {a.resource_name}
      </p>
      <p className="mt-1 text-sm">
        <Link href={`/t/${tenantSlug}/leads/${a.lead_id}`} className={ui.link}>
          {name}
        </Link>
        <span className="text-slate-600"> · {c.sources[a.source] ?? a.source}</span>
      </p>
      {a.notes && <p className="mt-1 whitespace-pre-wrap text-sm text-slate-700">{a.notes}</p>}
      <ReminderStatus reminders={reminders} t={t} timezone={a.timezone} />
      {setStatus && (next.length > 0 || (live && moveHref)) && (
        <ActionForm action={setStatus} label={c.actionsFor(`${name}, ${a.local_start.replace('T', ' ')}`)}>
          <div className="mt-2 flex flex-wrap gap-2">
            <input type="hidden" name="tenantSlug" value={tenantSlug} />
            <input type="hidden" name="appointmentId" value={a.id} />
            {next.map((status) => (
              <button
                key={status}
                type="submit"
                name="status"
                value={status}
                className={`${status === 'cancelled' ? ui.buttonDanger : status === 'confirmed' ? ui.button : ui.buttonSecondary} px-3 py-1.5`}
              >
                {labels[status]}
              </button>
            ))}
            {live && moveHref && (
              <Link href={moveHref} className={`${ui.buttonSecondary} px-3 py-1.5`}>
                {c.move}
              </Link>
            )}
          </div>
        </ActionForm>
      )}
    </li>
  );
}

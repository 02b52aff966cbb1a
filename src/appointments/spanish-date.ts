// "martes 15 de diciembre, 10:30" for an instant, in a branch's time zone. One Intl formatter
// per zone, made once: building Intl.DateTimeFormat is costly and the zones are few.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('es-MX', {
      timeZone,
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** "martes 15 de diciembre, 10:30" in `timeZone`. */
export function formatSpanishDateTime(instant: Date | string, timeZone: string): string {
  const parts = formatterFor(timeZone).formatToParts(new Date(instant));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('weekday')} ${part('day')} de ${part('month')}, ${part('hour')}:${part('minute')}`;
}

/** The confirmation line for an appointment: when, where (branch and address). */
export function describeAppointmentPlace(appointment: {
  starts_at: string;
  timezone: string;
  branch_name: string;
  branch_address: string | null;
  service_name: string;
}): string {
  const where = appointment.branch_address
    ? `${appointment.branch_name}, ${appointment.branch_address}`
    : appointment.branch_name;
  return `${appointment.service_name}: ${formatSpanishDateTime(appointment.starts_at, appointment.timezone)} en ${where}`;
}

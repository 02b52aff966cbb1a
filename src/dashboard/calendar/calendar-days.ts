// Calendar days as local dates (YYYY-MM-DD) of a branch's time zone, without a date library:
// the SQL gives each appointment its local start, so a day is a string prefix, never an offset.

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

export function todayIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone, dateStyle: 'short' }).format(now);
}

export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !isoDate.test(value)) return false;
  const date = new Date(`${value}T12:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export function addDays(day: string, count: number): string {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + count);
  return date.toISOString().slice(0, 10);
}

export function daysFrom(day: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => addDays(day, i));
}

/** The instants to ask the database for: a day either side covers every zone's offset. */
export function queryWindow(days: string[]): { from: string; to: string } {
  return { from: `${addDays(days[0]!, -1)}T00:00:00Z`, to: `${addDays(days.at(-1)!, 2)}T00:00:00Z` };
}

/** "Lunes, 8 de diciembre" in the reader's language (the date is already local). */
export function formatDayTitle(day: string, locale: string): string {
  const text = new Intl.DateTimeFormat(locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  }).format(new Date(`${day}T12:00:00Z`));
  return text.charAt(0).toLocaleUpperCase(locale) + text.slice(1);
}

/** A local "YYYY-MM-DDTHH:MI" as "lun 8 dic, 10:30". */
export function formatLocalStart(localStart: string, locale: string): string {
  const [day, time] = localStart.split('T');
  const date = new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  }).format(new Date(`${day}T12:00:00Z`));
  return `${date}, ${time}`;
}

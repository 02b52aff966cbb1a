import { businessHoursSchema } from './ai-settings-schema';

// The tenant's hours and "now" in its own time zone, written out for the prompt, so the model
// can say "we open tomorrow at 9" instead of guessing.

export const days = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export const dayNames: Record<(typeof days)[number], string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

// Building an Intl.DateTimeFormat costs far more than formatting with one (the bench's CPU
// profile showed it per AI reply); valid zones are a few hundred at most, so keep each one.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

export type Weekday = (typeof days)[number];

export function localClock(now: Date, timeZone: string): { day: Weekday; time: string; zone: string } {
  const read = (zone: string) => {
    const parts = formatterFor(zone).formatToParts(now);
    const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
    const day = part('weekday').slice(0, 3).toLowerCase() as (typeof days)[number];
    return { day, time: `${part('hour')}:${part('minute')}`, zone };
  };
  try {
    return read(timeZone);
  } catch {
    return read('UTC');
  }
}

export function describeBusinessHours(rawHours: unknown, tenantTimeZone: string, now: Date): string {
  const parsed = businessHoursSchema.safeParse(rawHours);
  const hours = parsed.success ? parsed.data : {};
  const clock = localClock(now, hours.timezone ?? tenantTimeZone);
  const lines = [`Current local time: ${dayNames[clock.day]} ${clock.time} (${clock.zone}).`];
  if (hours.weekly) {
    const week = (['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const).map((day) => {
      const ranges = hours.weekly?.[day];
      if (!ranges) return `${dayNames[day]}: not set`;
      return `${dayNames[day]}: ${ranges.length ? ranges.map(([from, to]) => `${from}-${to}`).join(', ') : 'closed'}`;
    });
    const today = hours.weekly[clock.day] ?? [];
    const open = today.some(([from, to]) => clock.time >= from && clock.time < to);
    lines.push(
      `Business hours: ${week.join('; ')}.`,
      `The business is ${open ? 'open' : 'closed'} right now.`,
    );
  } else {
    lines.push('Business hours: not configured.');
  }
  if (hours.notes) lines.push(`Hours notes: ${hours.notes}`);
  return lines.join('\n');
}

import { businessHoursSchema } from './ai-settings-schema';
import { days, localClock, type Weekday } from './business-hours';

// When the business opens next, in its own time zone: null while it is open, or when its hours
// are not configured (we cannot promise anything then).

export type NextOpening = { daysAhead: number; day: Weekday; time: string };

export function nextOpening(rawHours: unknown, tenantTimeZone: string, now: Date): NextOpening | null {
  const parsed = businessHoursSchema.safeParse(rawHours);
  const weekly = parsed.success ? parsed.data.weekly : undefined;
  if (!weekly) return null;
  const clock = localClock(now, parsed.data?.timezone ?? tenantTimeZone);
  const today = weekly[clock.day] ?? [];
  if (today.some(([from, to]) => clock.time >= from && clock.time < to)) return null;
  const start = days.indexOf(clock.day);
  for (let ahead = 0; ahead <= 7; ahead++) {
    const day = days[(start + ahead) % 7]!;
    const opens = (weekly[day] ?? [])
      .map(([from]) => from)
      .filter((from) => ahead > 0 || from > clock.time)
      .sort();
    if (opens[0]) return { daysAhead: ahead, day, time: opens[0] };
  }
  return null;
}

import { AppError } from '@/src/shared/app-error';

// Weekly hours as staff type them ("mon-fri 09:00-19:00,sat 09:00-14:00") into the shape the
// SQL stores: { mon: [["09:00", "19:00"]], …, sat: [["09:00", "14:00"]] } (local wall clock).

export const dayKeys = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type DayKey = (typeof dayKeys)[number];
export type WeeklyHours = Partial<Record<DayKey, [string, string][]>>;

const part = /^([a-z]{3})(?:-([a-z]{3}))?\s+([01]\d|2[0-3]):([0-5]\d)-(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

function dayIndex(key: string, text: string): number {
  const index = dayKeys.indexOf(key as DayKey);
  if (index < 0) throw new AppError('bad_request', `Unknown day "${key}" in "${text}" (use mon … sun)`);
  return index;
}

export function parseWeeklyHours(text: string): WeeklyHours {
  const hours: WeeklyHours = {};
  const parts = text
    .toLowerCase()
    .split(',')
    .map((item) => item.trim().replace(/\s+/g, ' '))
    .filter(Boolean);
  if (parts.length === 0) throw new AppError('bad_request', 'Hours are empty');
  for (const item of parts) {
    const match = part.exec(item);
    if (!match) {
      throw new AppError('bad_request', `Cannot read hours "${item}": write e.g. "mon-fri 09:00-19:00"`);
    }
    const [, fromDay, toDay, openH, openM, close] = match;
    const open = `${openH}:${openM}`;
    if (open >= close!) throw new AppError('bad_request', `"${item}" closes before it opens`);
    const first = dayIndex(fromDay!, item);
    const last = toDay ? dayIndex(toDay, item) : first;
    if (last < first) throw new AppError('bad_request', `"${item}": the days run mon … sun`);
    for (const key of dayKeys.slice(first, last + 1)) {
      const windows = [...(hours[key] ?? []), [open, close!] as [string, string]].sort((a, b) =>
        a[0] < b[0] ? -1 : 1,
      );
      windows.forEach((window, i) => {
        if (i > 0 && window[0] < windows[i - 1]![1]) {
          throw new AppError('bad_request', `Hours overlap on ${key}`);
        }
      });
      hours[key] = windows;
    }
  }
  return hours;
}

/** "mon 09:00-14:00 16:00-19:00, sat 09:00-14:00", for people reading output. */
export function describeWeeklyHours(hours: { [day: string]: [string, string][] | undefined }): string {
  const days = dayKeys.filter((day) => (hours[day]?.length ?? 0) > 0);
  if (days.length === 0) return 'no hours';
  return days.map((day) => `${day} ${hours[day]!.map((w) => w.join('-')).join(' ')}`).join(', ');
}

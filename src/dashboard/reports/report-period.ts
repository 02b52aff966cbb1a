import { z } from 'zod';
import { channelSchema } from '@/src/channels/channel-registry';
import { addDays, isCalendarDate, todayIn } from '../calendar/calendar-days';

// The reports page's query (?period=7&channel=whatsapp&branch=…, or period=custom with from/to),
// read leniently: anything unknown falls back to the last 7 days, every channel, every branch.

export const reportPeriods = ['today', '7', '30', '90', 'custom'] as const;
export type ReportPeriod = (typeof reportPeriods)[number];

const localDate = z.string().refine(isCalendarDate);
export const reportQuerySchema = z.object({
  period: z.enum(reportPeriods).catch('7'),
  from: localDate.optional().catch(undefined),
  to: localDate.optional().catch(undefined),
  channel: channelSchema.optional().catch(undefined),
  branch: z.uuid().optional().catch(undefined),
});
export type ReportQuery = z.infer<typeof reportQuerySchema>;

/** The local days a period covers, ending today in the given time zone; at most 367 days. */
export function periodDays(
  query: ReportQuery,
  timeZone: string,
  now = new Date(),
): { from: string; to: string } {
  const today = todayIn(timeZone, now);
  if (query.period === 'custom' && query.from && query.to) {
    const [from, to] = [query.from, query.to].sort() as [string, string];
    const earliest = addDays(to, -366);
    return { from: [from, earliest].sort()[1] ?? from, to };
  }
  const days = query.period === 'today' || query.period === 'custom' ? 1 : Number(query.period);
  return { from: addDays(today, -(days - 1)), to: today };
}

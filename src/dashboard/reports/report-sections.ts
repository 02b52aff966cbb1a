import type { Messages } from '@/src/i18n/messages-es';
import { deliveryErrorKey } from '../inbox/delivery-error-text';
import { escalationReasonText } from '../inbox/escalation-reason-text';
import type { BarItem } from './bar-list';
import type { Report } from './load-report';

// The report's rows in the reader's words: escalation reasons and send errors through the same
// texts the inbox uses (rows whose words match are merged), and local days as short dates.

function merged(rows: { text: string; count: number }[]): BarItem[] {
  const byText = new Map<string, number>();
  for (const row of rows) byText.set(row.text, (byText.get(row.text) ?? 0) + row.count);
  return [...byText]
    .map(([text, count]) => ({ key: text, label: text, count }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}

export function escalationItems(report: Report, t: Messages): BarItem[] {
  return merged(
    report.escalations.map((e) => ({
      text: e.reason ? escalationReasonText(e.reason, t.inbox.escalationReasons) : t.reports.noReason,
      count: e.count,
    })),
  );
}

export function sendErrorItems(report: Report, t: Messages): BarItem[] {
  const known = t.inbox.deliveryErrors;
  return merged(
    report.send_errors.map((e) => {
      const key = deliveryErrorKey(e.code, known);
      const text = key ? known[key]! : e.code ? t.reports.unknownError(e.code) : t.reports.noCode;
      return { text, count: e.count };
    }),
  );
}

export function shortDay(day: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
    new Date(`${day}T12:00:00Z`),
  );
}

export function percentOf(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 100);
}

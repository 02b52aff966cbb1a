import type { Messages } from '@/src/i18n/messages-es';

// Escalation reasons are stored as the system wrote them (English, stable for logs and tests);
// the ones our own code writes are shown in the staff's language. A reason Claude wrote is shown
// as it is: it is already in the conversation's language.
type Reasons = Messages['inbox']['escalationReasons'];

const patterns: [RegExp, (reasons: Reasons, detail: string) => string][] = [
  [/^keyword: (.+)$/s, (r, detail) => r.keyword(detail)],
  [/^reached (\d+) customer messages$/, (r, detail) => r.messageCount(detail)],
  [/^AI unavailable: (.+)$/s, (r, detail) => r.aiUnavailable(detail)],
  [/^The AI could not answer: (.+)$/s, (r, detail) => r.aiFailed(detail)],
  [/^The reply could not be sent: (.+)$/s, (r, detail) => r.sendFailed(detail)],
  [/^offline responder: no answer in the FAQ$/, (r) => r.offlineNoAnswer],
  [/^offline responder: complaint$/, (r) => r.complaint],
  [/^offline responder: asked for a person$/, (r) => r.askedForPerson],
  [/^escalated by the AI$/, (r) => r.byAi],
  [/^by staff: (.+)$/s, (r, detail) => r.byStaff(detail)],
];

export function escalationReasonText(reason: string, reasons: Reasons): string {
  for (const [pattern, render] of patterns) {
    const match = pattern.exec(reason);
    if (match) return render(reasons, match[1] ?? '');
  }
  return reason;
}

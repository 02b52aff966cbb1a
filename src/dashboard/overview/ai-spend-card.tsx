import type { Messages } from '@/src/i18n/messages-es';
import { CardSection } from '@/src/ui/card-section';
import type { AiSpendSummary } from './load-ai-spend';

// This month's AI use against the budget: a bar, the numbers, and from 80 % a warning that says
// what happens at 100 %.
export function AiSpendCard({ spend, t }: { spend: AiSpendSummary; t: Messages }) {
  const s = t.aiSpend;
  const number = new Intl.NumberFormat(t.locale);
  const alert =
    spend.state === 'exhausted'
      ? s.exhausted
      : spend.state === 'warning'
        ? s.warning(spend.percent ?? 0)
        : null;
  return (
    <CardSection id="ov-ai-spend" title={s.cardTitle}>
      <p className="text-sm text-slate-800">
        {spend.budget > 0
          ? s.used(number.format(spend.used), number.format(spend.budget))
          : s.usedUnlimited(number.format(spend.used))}
        {' · '}
        {s.answers(spend.answers)}
      </p>
      {spend.percent !== null && (
        <div
          className="mt-2 h-2 w-full overflow-hidden rounded bg-slate-200"
          role="progressbar"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.min(spend.percent, 100)}
          aria-label={s.cardTitle}
        >
          <div
            className={`h-full ${spend.state === 'ok' ? 'bg-emerald-600' : spend.state === 'warning' ? 'bg-amber-500' : 'bg-red-600'}`}
            style={{ width: `${Math.min(spend.percent, 100)}%` }}
          />
        </div>
      )}
      {alert && (
        <p role="status" className="mt-2 rounded bg-amber-50 p-2 text-sm text-amber-900">
          {alert}
        </p>
      )}
      {spend.byProvider.length > 0 && (
        <ul aria-label={t.aiProvider.byProvider} className="mt-2 space-y-1 text-sm text-slate-800">
          {spend.byProvider.map((use) => (
            <li key={use.provider}>
              {t.aiProvider.providerUse(
                t.aiProvider.providerName[use.provider] ?? use.provider,
                number.format(use.tokens),
                use.answers,
              )}
            </li>
          ))}
        </ul>
      )}
      <p className="mt-2 text-xs text-slate-600">{s.explain}</p>
    </CardSection>
  );
}

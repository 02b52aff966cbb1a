import type { Messages } from '@/src/i18n/messages-es';
import { CardSection } from '@/src/ui/card-section';
import { ui } from '@/src/ui/styles';
import { BarList } from './bar-list';
import { ChartDataTable } from './chart-data-table';
import { DonutChart } from './donut-chart';
import type { Report } from './load-report';
import { escalationItems, percentOf, sendErrorItems } from './report-sections';

// How the service went: AI response time, who replied, hand-overs and failed sends.
export function ServiceSections({ report, t }: { report: Report; t: Messages }) {
  const r = t.reports;
  const { ai, human } = report.answered_by;
  const escalations = escalationItems(report, t);
  const errors = sendErrorItems(report, t);
  const sum = (items: { count: number }[]) => items.reduce((s, i) => s + i.count, 0);
  return (
    <>
      <CardSection id="rp-response" title={r.responseTime} testId="report-response">
        <p className={`mt-1 ${ui.muted}`}>{r.responseTimeHelp}</p>
        {report.ai_response.replies === 0 ? (
          <p className={`mt-3 ${ui.muted}`}>{r.noReplies}</p>
        ) : (
          <>
            <dl className="mt-3 grid grid-cols-2 gap-3">
              {(['p50', 'p90'] as const).map((key) => (
                <div key={key} className="rounded-lg bg-slate-50 p-3">
                  <dt className="text-xs text-slate-600">{r[key]}</dt>
                  <dd className="mt-1 text-2xl font-semibold text-slate-900">
                    {r.seconds(report.ai_response[key] ?? 0)}
                  </dd>
                </div>
              ))}
            </dl>
            <p className={`mt-2 ${ui.muted}`}>{r.replies(report.ai_response.replies)}</p>
          </>
        )}
      </CardSection>
      <CardSection id="rp-answered" title={r.answeredBy} testId="report-answered">
        <figure className="mt-1">
          <figcaption className={ui.muted}>{r.answeredSummary(ai, human)}</figcaption>
          {ai + human > 0 && (
            <DonutChart
              slices={[
                { name: r.answeredByAi, value: ai, color: '#0f766e' },
                { name: r.answeredByPeople, value: human, color: '#f59e0b' },
              ]}
            />
          )}
        </figure>
        <ChartDataTable
          summary={r.showData}
          caption={r.answeredBy}
          columns={[r.answeredBy, r.count, r.share]}
          rows={[
            [r.answeredByAi, ai, r.percent(percentOf(ai, ai + human))],
            [r.answeredByPeople, human, r.percent(percentOf(human, ai + human))],
          ]}
        />
      </CardSection>
      <CardSection id="rp-escalations" title={r.escalations} testId="report-escalations">
        {escalations.length === 0 ? (
          <p className={`mt-3 ${ui.muted}`}>{r.noEscalations}</p>
        ) : (
          <>
            <p className={`mt-1 ${ui.muted}`}>{r.escalationsSummary(sum(escalations))}</p>
            <BarList items={escalations} label={r.escalations} />
          </>
        )}
      </CardSection>
      <CardSection id="rp-errors" title={r.sendErrors} testId="report-errors">
        {errors.length === 0 ? (
          <p className={`mt-3 ${ui.muted}`}>{r.noSendErrors}</p>
        ) : (
          <>
            <p className={`mt-1 ${ui.muted}`}>{r.sendErrorsSummary(sum(errors))}</p>
            <BarList items={errors} label={r.sendErrors} />
          </>
        )}
      </CardSection>
    </>
  );
}

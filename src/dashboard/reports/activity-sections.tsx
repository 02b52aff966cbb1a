import type { Messages } from '@/src/i18n/messages-es';
import { CardSection } from '@/src/ui/card-section';
import { ui } from '@/src/ui/styles';
import { ChartDataTable } from './chart-data-table';
import { DailyChart } from './daily-chart';
import { HourHeatmap, hourLabel } from './hour-heatmap';
import type { Report } from './load-report';
import { shortDay } from './report-sections';

// How much happened: conversations and messages per day, and when customers write.
export function ActivitySections({ report, t }: { report: Report; t: Messages }) {
  const r = t.reports;
  const total = (key: 'inbound' | 'outbound') => report.per_day.reduce((sum, d) => sum + d[key], 0);
  const busiest = [...report.per_hour].sort((a, b) => b.messages - a.messages)[0];
  return (
    <>
      <CardSection id="rp-per-day" title={r.perDay} testId="report-per-day">
        <figure className="mt-3">
          <figcaption className={ui.muted}>
            {r.perDaySummary(
              report.per_day.reduce((sum, d) => sum + d.conversations, 0),
              total('inbound'),
              total('outbound'),
            )}
          </figcaption>
          <DailyChart
            points={report.per_day.map((d) => ({ ...d, label: shortDay(d.day, t.locale) }))}
            names={{ conversations: r.conversations, inbound: r.inbound, outbound: r.outbound }}
          />
        </figure>
        <ChartDataTable
          summary={r.showData}
          caption={r.perDay}
          columns={[r.day, r.conversations, r.inbound, r.outbound]}
          rows={report.per_day.map((d) => [
            shortDay(d.day, t.locale),
            d.conversations,
            d.inbound,
            d.outbound,
          ])}
        />
      </CardSection>
      <CardSection id="rp-per-hour" title={r.perHour} testId="report-per-hour">
        <p className={`mt-1 ${ui.muted}`}>
          {busiest
            ? r.perHourSummary(
                r.weekdays[busiest.weekday - 1] ?? '',
                hourLabel(busiest.hour),
                busiest.messages,
              )
            : r.perHourHelp}
        </p>
        <HourHeatmap cells={report.per_hour} t={t} />
      </CardSection>
    </>
  );
}

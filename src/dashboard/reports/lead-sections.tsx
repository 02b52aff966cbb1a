import type { Messages } from '@/src/i18n/messages-es';
import { CardSection } from '@/src/ui/card-section';
import { ui } from '@/src/ui/styles';
import { BarList } from './bar-list';
import { ChartDataTable } from './chart-data-table';
import { DonutChart } from './donut-chart';
import type { Report } from './load-report';
import { percentOf } from './report-sections';

// Who arrived and how far they went: new leads by interest, and lead → appointment → customer.
export function LeadSections({ report, t }: { report: Report; t: Messages }) {
  const r = t.reports;
  const { total, hot, warm, cold } = report.new_leads;
  const { leads, booked, customers } = report.conversion;
  const mix = [
    { name: r.hot, value: hot, color: '#be123c' },
    { name: r.warm, value: warm, color: '#f59e0b' },
    { name: r.cold, value: cold, color: '#0369a1' },
  ];
  return (
    <>
      <CardSection id="rp-leads" title={r.newLeads} testId="report-leads">
        {total === 0 ? (
          <p className={`mt-3 ${ui.muted}`}>{r.noLeads}</p>
        ) : (
          <>
            <figure className="mt-1">
              <figcaption className={ui.muted}>{r.newLeadsSummary(total, hot, warm, cold)}</figcaption>
              <DonutChart slices={mix} />
            </figure>
            <ChartDataTable
              summary={r.showData}
              caption={r.newLeads}
              columns={[r.classification, r.count, r.share]}
              rows={mix.map((m) => [m.name, m.value, r.percent(percentOf(m.value, total))])}
            />
          </>
        )}
      </CardSection>
      <CardSection id="rp-conversion" title={r.conversion} testId="report-conversion">
        <p className={`mt-1 ${ui.muted}`}>{r.conversionHelp}</p>
        <BarList
          label={r.conversion}
          items={[
            { key: 'leads', label: r.stageLeads, count: leads },
            {
              key: 'booked',
              label: r.stageBooked,
              count: booked,
              note: `(${r.percent(percentOf(booked, leads))})`,
            },
            {
              key: 'customers',
              label: r.stageCustomers,
              count: customers,
              note: `(${r.percent(percentOf(customers, leads))})`,
            },
          ]}
        />
      </CardSection>
    </>
  );
}

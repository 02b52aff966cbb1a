import type { Messages } from '@/src/i18n/messages-es';
import { ui } from '@/src/ui/styles';
import { ActivitySections } from './activity-sections';
import { LeadSections } from './lead-sections';
import type { ReportData } from './load-report';
import { ReportFilters } from './report-filters';
import { ServiceSections } from './service-sections';

// The reports page: filters, then the period's sections two by two on a wide screen, stacked on
// a phone. Dates are the report's local days (the branch's time zone when one is chosen).
export function ReportsView({ data, t }: { data: ReportData; t: Messages }) {
  const r = t.reports;
  const { report } = data;
  const day = (d: string) =>
    new Intl.DateTimeFormat(t.locale, {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(`${d}T12:00:00Z`));
  return (
    <div className="space-y-4">
      <h1 className={ui.h1}>{r.title}</h1>
      <p className={ui.muted}>{r.intro}</p>
      <ReportFilters data={data} t={t} />
      <p className="text-sm font-medium text-slate-700" data-testid="report-period">
        {r.showing(day(report.from), day(report.to), report.timezone)}
      </p>
      <div className="grid gap-4 lg:grid-cols-2">
        <ActivitySections report={report} t={t} />
        <ServiceSections report={report} t={t} />
        <LeadSections report={report} t={t} />
      </div>
    </div>
  );
}

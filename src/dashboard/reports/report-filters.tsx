import type { Messages } from '@/src/i18n/messages-es';
import { FilterBar } from '@/src/ui/filter-bar';
import { SelectField } from '@/src/ui/select-field';
import { TextField } from '@/src/ui/text-field';
import { channelOptions } from '../channel-options';
import type { ReportData } from './load-report';
import { reportPeriods } from './report-period';

// Period, channel and branch as a GET form: the URL holds the choice (bookmarkable, no script).
export function ReportFilters({ data, t }: { data: ReportData; t: Messages }) {
  const r = t.reports;
  const { query, report } = data;
  return (
    <FilterBar label={r.filters} submitLabel={r.apply}>
      <SelectField
        id="report-period"
        name="period"
        label={r.period}
        defaultValue={query.period}
        options={reportPeriods.map((p) => ({ value: p, label: r.periods[p] ?? p }))}
      />
      <TextField id="report-from" name="from" type="date" label={r.from} defaultValue={report.from} />
      <TextField id="report-to" name="to" type="date" label={r.to} defaultValue={report.to} />
      <SelectField
        id="report-channel"
        name="channel"
        label={r.channel}
        defaultValue={query.channel ?? ''}
        options={channelOptions(t, r.allChannels)}
      />
      {data.branches.length > 1 && (
        <SelectField
          id="report-branch"
          name="branch"
          label={r.branch}
          defaultValue={query.branch ?? ''}
          options={[
            { value: '', label: r.allBranches },
            ...data.branches.map((b) => ({ value: b.id, label: b.name })),
          ]}
        />
      )}
    </FilterBar>
  );
}

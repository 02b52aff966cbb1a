import type { Messages } from '@/src/i18n/messages-es';
import { CardSection } from '@/src/ui/card-section';
import { ui } from '@/src/ui/styles';
import type { LeadRecord } from './load-lead-record';

type Value = string | number | null | undefined;

// Who changed this lead, when, and each field's value before and after; merges and undos too.
export function LeadChangesList({
  record,
  t,
  when,
}: {
  record: LeadRecord;
  t: Messages;
  when: (iso: string) => string;
}) {
  const r = t.leadRecord;
  const show = (field: string, value: Value) => {
    if (value === null || value === undefined || value === '') return r.empty;
    if (field === 'stage') return r.stages[value as keyof typeof r.stages] ?? String(value);
    return String(value);
  };
  return (
    <CardSection id="lead-changes" title={r.historyTitle}>
      {record.changes.length === 0 ? (
        <p className={`mt-3 ${ui.muted}`}>{r.noChanges}</p>
      ) : (
        <ol className="mt-3 space-y-3">
          {record.changes.map((change) => (
            <li key={change.id} className="rounded-lg bg-slate-50 p-3 text-sm" data-testid="lead-change">
              <p className="flex flex-wrap items-baseline gap-x-2">
                <strong>{r.kinds[change.kind]}</strong>
                {change.other_lead_id && <span>{r.withLead(change.other_lead_name ?? r.unnamed)}</span>}
                <span className="text-xs text-slate-600">
                  {when(change.created_at)} · {r.by(change.changed_by_email ?? r.someone)}
                </span>
              </p>
              {Object.keys(change.changes).length > 0 && (
                <ul className="mt-1 space-y-0.5 [overflow-wrap:anywhere]">
                  {Object.entries(change.changes).map(([field, values]) => (
                    <li key={field}>
                      <span className="font-medium">{r.fieldNames[field] ?? field}:</span>{' '}
                      <span className="text-slate-600 line-through">{show(field, values?.before)}</span> →{' '}
                      <span>{show(field, values?.after)}</span>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      )}
    </CardSection>
  );
}

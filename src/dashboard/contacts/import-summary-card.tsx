import type { ImportSummary } from '@/src/contacts/import-contacts';
import type { ContactImportMessages } from '@/src/i18n/contact-import-es';
import { ui } from '@/src/ui/styles';

// A dry run's or an import's counts, and the rows that could not be read (by row number).

const shownErrors = 20;

export function ImportSummaryCard({
  summary,
  m,
  title,
}: {
  summary: ImportSummary;
  m: ContactImportMessages;
  title: string;
}) {
  const counts: Array<[string, number]> = [
    [m.created, summary.created],
    [m.updated, summary.updated],
    [m.unchanged, summary.unchanged],
    [m.merged, summary.mergedRows],
    [m.errors, summary.errors.length],
  ];
  return (
    <section className={`${ui.card} space-y-3`} aria-live="polite">
      <h2 className={ui.h2}>{title}</h2>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5">
        {counts.map(([label, count]) => (
          <div key={label} className="rounded-lg bg-slate-50 p-3">
            <dt className="text-xs text-slate-600">{label}</dt>
            <dd className="text-2xl font-semibold text-slate-900">{count.toLocaleString()}</dd>
          </div>
        ))}
      </dl>
      {summary.errors.length > 0 && (
        <ul className="space-y-1 text-sm text-rose-800">
          {summary.errors.slice(0, shownErrors).map((error) => (
            <li key={error.row}>
              {m.errorRow(error.row)}: {m.reasons[error.reason] ?? error.reason}
              {error.value ? ` (“${error.value}”)` : ''}
            </li>
          ))}
          {summary.errors.length > shownErrors && (
            <li>{m.moreErrors(summary.errors.length - shownErrors)}</li>
          )}
        </ul>
      )}
    </section>
  );
}

'use client';

import { useState } from 'react';
import {
  type ColumnMapping,
  type ContactField,
  contactFields,
  guessColumnMapping,
} from '@/src/contacts/contact-fields';
import { decodeCsvBytes } from '@/src/contacts/decode-csv-bytes';
import type { ImportSummary } from '@/src/contacts/import-contacts';
import { type CsvTable, parseCsvTable } from '@/src/contacts/parse-csv-table';
import { contactImportEn } from '@/src/i18n/contact-import-en';
import { contactImportEs } from '@/src/i18n/contact-import-es';
import { ui } from '@/src/ui/styles';
import { ImportSummaryCard } from './import-summary-card';

// The import page's steps: pick a file (read in the browser for the preview and the column
// guesses), map the columns, check without saving (dry run on the server), then import. The
// server parses the same file again with the same code, so the browser never decides anything.

type Step =
  | { kind: 'pick' }
  | { kind: 'mapped'; file: File; table: CsvTable }
  | { kind: 'busy'; file: File; table: CsvTable; what: 'check' | 'apply' }
  | { kind: 'checked'; file: File; table: CsvTable; summary: ImportSummary }
  | { kind: 'applied'; summary: ImportSummary };

const previewRows = 5;

export function ContactImportFlow({ tenantSlug, language }: { tenantSlug: string; language: 'es' | 'en' }) {
  const m = language === 'en' ? contactImportEn : contactImportEs;
  const [step, setStep] = useState<Step>({ kind: 'pick' });
  const [mapping, setMapping] = useState<ColumnMapping>({});
  const [country, setCountry] = useState('MX');
  const [error, setError] = useState<string | null>(null);

  async function pick(file: File | undefined) {
    setError(null);
    if (!file) return setStep({ kind: 'pick' });
    const table = parseCsvTable(decodeCsvBytes(new Uint8Array(await file.arrayBuffer())).text);
    setMapping(guessColumnMapping(table.headers));
    setStep({ kind: 'mapped', file, table });
  }

  async function send(file: File, table: CsvTable, dryRun: boolean) {
    setError(null);
    setStep({ kind: 'busy', file, table, what: dryRun ? 'check' : 'apply' });
    const body = new FormData();
    body.set('file', file);
    body.set('mapping', JSON.stringify(mapping));
    body.set('country', country);
    body.set('dry_run', String(dryRun));
    const response = await fetch(`/api/t/${tenantSlug}/contacts/import`, { method: 'POST', body }).catch(
      () => null,
    );
    const json = response ? await response.json().catch(() => null) : null;
    if (!response?.ok || !json) {
      setError(`${m.failed}${json?.error?.message ? `: ${json.error.message}` : ''}`);
      return setStep({ kind: 'mapped', file, table });
    }
    const summary = json as ImportSummary;
    setStep(dryRun ? { kind: 'checked', file, table, summary } : { kind: 'applied', summary });
  }

  function setField(column: number, field: string) {
    const next: ColumnMapping = {};
    for (const [key, index] of Object.entries(mapping))
      if (index !== column) next[key as ContactField] = index;
    if (field) next[field as ContactField] = column;
    setMapping(next);
    if (step.kind === 'checked') setStep({ kind: 'mapped', file: step.file, table: step.table });
  }

  if (step.kind === 'applied') {
    return (
      <div className="space-y-4">
        <ImportSummaryCard summary={step.summary} m={m} title={m.appliedTitle} />
        <p className={ui.muted}>{m.sameAgain}</p>
        <div className="flex flex-wrap gap-3">
          <a className={ui.button} href={`/t/${tenantSlug}/leads`}>
            {m.backToLeads}
          </a>
          <button type="button" className={ui.buttonSecondary} onClick={() => setStep({ kind: 'pick' })}>
            {m.another}
          </button>
        </div>
      </div>
    );
  }

  const table = step.kind === 'pick' ? undefined : step.table;
  const busy = step.kind === 'busy' ? step.what : undefined;
  // Stable keys: the spreadsheet's column letters and row numbers.
  const columns = (table?.headers ?? []).map((header, column) => ({
    header,
    column,
    key: `col-${column + 1}`,
  }));
  const shownRows = (table?.rows ?? [])
    .slice(0, previewRows)
    .map((cells, i) => ({ cells, key: `row-${i + 2}` }));
  const fieldOf = (column: number) =>
    (Object.entries(mapping).find(([, index]) => index === column)?.[0] as ContactField | undefined) ?? '';

  return (
    <div className="space-y-4">
      <section className={ui.card}>
        <label className={ui.label} htmlFor="contact-file">
          {m.fileLabel}
        </label>
        <input
          id="contact-file"
          type="file"
          accept=".csv,text/csv"
          className={ui.input}
          disabled={busy !== undefined}
          onChange={(event) => void pick(event.target.files?.[0])}
        />
        <p className={ui.help}>{m.fileHelp}</p>
      </section>

      {table && step.kind !== 'pick' && (
        <section className={`${ui.card} space-y-3`}>
          <h2 className={ui.h2}>{m.mappingTitle}</h2>
          <p className={ui.muted}>{m.mappingHelp}</p>
          <p className={ui.muted}>{m.preview(Math.min(previewRows, table.rows.length), table.rows.length)}</p>
          <div className="overflow-x-auto">
            <table className={ui.table}>
              <thead>
                <tr>
                  {columns.map(({ header, column, key }) => (
                    <th key={key} className={ui.th} scope="col">
                      <span className="block normal-case">{header}</span>
                      <select
                        aria-label={header}
                        className={`${ui.input} min-w-36 normal-case`}
                        value={fieldOf(column)}
                        disabled={busy !== undefined}
                        onChange={(event) => setField(column, event.target.value)}
                      >
                        <option value="">{m.ignore}</option>
                        {contactFields.map((field) => (
                          <option key={field} value={field}>
                            {m.fields[field]}
                          </option>
                        ))}
                      </select>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {shownRows.map(({ cells, key: rowKey }) => (
                  <tr key={rowKey}>
                    {columns.map(({ column, key }) => (
                      <td key={key} className={`${ui.td} max-w-48 truncate`}>
                        {cells[column] ?? ''}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <label className={ui.label} htmlFor="contact-country">
            {m.countryLabel}
          </label>
          <select
            id="contact-country"
            className={`${ui.input} max-w-xs`}
            value={country}
            disabled={busy !== undefined}
            onChange={(event) => setCountry(event.target.value)}
          >
            {Object.entries(m.countries).map(([code, name]) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </select>
          <button
            type="button"
            className={ui.buttonSecondary}
            disabled={busy !== undefined}
            onClick={() => void send(step.file, table, true)}
          >
            {busy === 'check' ? m.checking : m.check}
          </button>
        </section>
      )}

      {error && (
        <p role="alert" className="rounded-lg border border-rose-200 bg-rose-50 p-3 text-sm text-rose-800">
          {error}
        </p>
      )}

      {(step.kind === 'checked' || busy === 'apply') && step.kind !== 'pick' && (
        <div className="space-y-3">
          {step.kind === 'checked' && (
            <ImportSummaryCard summary={step.summary} m={m} title={m.summaryTitle} />
          )}
          {busy === 'apply' ? (
            <p role="status" className="flex items-center gap-2 text-sm text-slate-700">
              <span className="h-4 w-4 animate-spin rounded-full border-2 border-teal-700 border-t-transparent" />
              {m.applying}
            </p>
          ) : step.kind === 'checked' && step.summary.created + step.summary.updated > 0 ? (
            <button
              type="button"
              className={ui.button}
              onClick={() => void send(step.file, step.table, false)}
            >
              {m.apply(step.summary.created + step.summary.updated)}
            </button>
          ) : (
            <p className={ui.muted}>{m.nothingToApply}</p>
          )}
        </div>
      )}
    </div>
  );
}

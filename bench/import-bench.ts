import { importContacts } from '@/src/contacts/import-contacts';
import { createPgPool, createPgPort } from '@/src/db/pg-rpc';
import type { BenchServer } from './bench-database';
import { type BenchRow, round, timeMs } from './measure';

// Contact import at scale: a generated CSV of `rows` contacts (the previous provider's columns,
// Mexican phones in mixed old formats, a tag each, one row in twenty repeated) imported into an
// empty tenant: the dry run, the apply, then the same file again (every row matched, nothing
// changed). Rows per second of the whole call (decode, parse, normalise, the one SQL call).
// Baseline, measured in the same run: a plain multi-row INSERT of the same contacts into leads in
// one statement (what storing them costs with no parsing, dedupe, identities, tags or origin).

export type ImportBenchOptions = { importRows: number };

const formats = [
  (n: string) => `55 ${n.slice(0, 4)} ${n.slice(4)}`,
  (n: string) => `044 55 ${n.slice(0, 4)}-${n.slice(4)}`,
  (n: string) => `+52 1 (55) ${n.slice(0, 4)} ${n.slice(4)}`,
  (n: string) => `01 55${n}`,
];

function generateCsv(rows: number): Uint8Array {
  const lines = ['\uFEFFname,phone,email,instagram_username,vambe_contact_id,platform,tags,notes'];
  for (let i = 0; i < rows; i += 1) {
    // One row in twenty repeats an earlier contact (merged within the file).
    const person = i % 20 === 19 ? i - 7 : i;
    const number = String(10_000_000 + person);
    const format = formats[person % formats.length] as (n: string) => string;
    lines.push(
      `"Cliente ${person}, García",${format(number)},c${person}@example.com,,vb_${person},whatsapp,"Importado; Lote ${person % 5}",Nota ${person}`,
    );
  }
  return new TextEncoder().encode(lines.join('\r\n'));
}

export async function runImportBench(server: BenchServer, options: ImportBenchOptions): Promise<BenchRow[]> {
  const url = await server.createDatabase('bench_import');
  const pool = createPgPool(url, 2);
  const db = createPgPort(pool);
  try {
    const tenant = async (slug: string) =>
      (await pool.query<{ id: string }>("select (public.admin_create_tenant($1, $1) ->> 'id') as id", [slug]))
        .rows[0]!.id;
    const importTenant = await tenant('bench-import');
    const baselineTenant = await tenant('bench-import-baseline');
    const bytes = generateCsv(options.importRows);
    const run = (dryRun: boolean) =>
      importContacts(db, {
        tenantId: importTenant,
        fileName: 'bench.csv',
        bytes,
        defaultCountry: 'MX',
        dryRun,
      });

    const dry = await run(true);
    const dryMs = await timeMs(() => run(true));
    const applyMs = await timeMs(() => run(false));
    const againMs = await timeMs(() => run(false));
    const baselineMs = await timeMs(() =>
      pool.query(
        `insert into public.leads (tenant_id, name, origin_channel, phone, email, notes)
         select $1, 'Cliente ' || g || ', García', 'whatsapp', '+5255' || (10000000 + g), 'c' || g || '@example.com', 'Nota ' || g
         from generate_series(1, $2) g`,
        [baselineTenant, dry.contacts],
      ),
    );
    const perSecond = (ms: number) => round((options.importRows / ms) * 1000);
    const baseline = perSecond(baselineMs);
    const row = (metric: string, ms: number): BenchRow => ({
      suite: 'import',
      metric: `${metric} (${options.importRows} rows, ${dry.contacts} contacts)`,
      value: perSecond(ms),
      unit: 'rows/s',
      baseline,
      ratio: round(baseline / perSecond(ms)),
      note: 'baseline: one plain INSERT … SELECT of the same contacts into leads (no parsing, dedupe, identities, tags, origin), in rows/s; ratio = baseline / import (how many times slower)',
    });
    return [
      row('contacts import, dry run', dryMs),
      row('contacts import, apply', applyMs),
      row('contacts import, same file again (all unchanged)', againMs),
    ];
  } finally {
    await db.close();
  }
}

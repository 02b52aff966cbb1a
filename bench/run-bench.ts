import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { setEnvForProcess } from '@/src/env';
import { startBenchServer } from './bench-database';
import type { BenchRow } from './measure';
import { runQueueBench } from './queue-bench';

// `npm run bench [-- --jobs 5000 --pending 100000 --samples 200]`: starts its own PostgreSQL,
// runs every suite, prints one table and writes bench/results.json. Later suites add a line below.

const { values } = parseArgs({
  options: {
    jobs: { type: 'string', default: '5000' },
    pending: { type: 'string', default: '100000' },
    samples: { type: 'string', default: '200' },
  },
});
const options = {
  jobs: Number(values.jobs),
  pending: Number(values.pending),
  samples: Number(values.samples),
};
for (const [name, value] of Object.entries(options)) {
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer`);
}
setEnvForProcess({ LOG_LEVEL: 'warn' });

function printTable(rows: BenchRow[]): void {
  const cells = rows.map((row) => [
    row.suite,
    row.metric,
    `${row.value} ${row.unit}`,
    row.baseline === undefined ? '' : `${row.baseline} ${row.unit}`,
    row.ratio === undefined ? '' : `${row.ratio}x`,
  ]);
  const header = ['suite', 'metric', 'value', 'baseline', 'ratio'];
  const widths = header.map((title, i) => Math.max(title.length, ...cells.map((cell) => cell[i]!.length)));
  const line = (cell: string[]) => cell.map((text, i) => text.padEnd(widths[i]!)).join('  ');
  console.log(
    [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...cells.map(line)].join('\n'),
  );
  for (const row of rows) if (row.note) console.log(`  ${row.metric}: ${row.note}`);
}

const server = await startBenchServer();
try {
  const rows = [...(await runQueueBench(server, options))];
  printTable(rows);
  const machine = { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version };
  writeFileSync(
    path.join(import.meta.dirname, 'results.json'),
    `${JSON.stringify({ at: new Date().toISOString(), machine, options, rows }, null, 2)}\n`,
  );
  console.log('\nwritten to bench/results.json');
} finally {
  await server.stop();
}
process.exit(0);

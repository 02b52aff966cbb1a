import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { setEnvForProcess } from '@/src/env';
import { runApiBench } from './api-bench';
import { runAppBench, runStormSuite } from './app-bench';
import { startBenchServer } from './bench-database';
import { runCostBench } from './cost-bench';
import { runImportBench } from './import-bench';
import type { BenchRow } from './measure';
import { runMediaTurnBench } from './media-turn-bench';
import { runQueueBench } from './queue-bench';
import { runReportsBench } from './reports-bench';
import { runRlsBench } from './rls-bench';
import { runSearchBench } from './search-bench';
import { runSlotsBench } from './slots-bench';
import { describeBreakdown } from './webhook-throughput-bench';

// `npm run bench [-- options]`: builds the app (a private copy), starts its own PostgreSQL, runs
// every suite, prints one table and writes bench/results.json. See docs/performance.md.

const { values } = parseArgs({
  options: {
    suites: { type: 'string', default: 'app,storm,queue,slots,reports,search,rls,cost,media,import,api' },
    rates: { type: 'string', default: '100,400' },
    seconds: { type: 'string', default: '10' },
    'throughput-seconds': { type: 'string', default: '10' },
    connections: { type: 'string', default: '16' },
    'reply-samples': { type: 'string', default: '40' },
    'reuse-build': { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    jobs: { type: 'string', default: '5000' },
    pending: { type: 'string', default: '100000' },
    samples: { type: 'string', default: '200' },
    'report-messages': { type: 'string', default: '1000000' },
    messages: { type: 'string', default: '1000000' },
    'search-samples': { type: 'string', default: '50' },
    'import-rows': { type: 'string', default: '10000' },
    'api-samples': { type: 'string', default: '20' },
    'storm-messages': { type: 'string', default: '10000' },
    'storm-rate': { type: 'string', default: '200' },
    'storm-customer-rate': { type: 'string', default: '50' },
    'storm-batch': { type: 'string', default: '8' },
    'rls-messages': { type: 'string', default: '1000000' },
  },
});
const positive = (name: string, text: string) => {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer`);
  return value;
};
const suites = new Set(values.suites.split(','));
const options = {
  rates: values.rates.split(',').map((rate) => positive('rates', rate)),
  seconds: positive('seconds', values.seconds),
  throughputSeconds: positive('throughput-seconds', values['throughput-seconds']),
  connections: positive('connections', values.connections),
  replySamples: positive('reply-samples', values['reply-samples']),
  reuseBuild: values['reuse-build'],
  profile: values.profile,
  jobs: positive('jobs', values.jobs),
  pending: positive('pending', values.pending),
  samples: positive('samples', values.samples),
  reportMessages: positive('report-messages', values['report-messages']),
  messages: positive('messages', values.messages),
  searchSamples: positive('search-samples', values['search-samples']),
  importRows: positive('import-rows', values['import-rows']),
  apiSamples: positive('api-samples', values['api-samples']),
  storm: {
    count: positive('storm-messages', values['storm-messages']),
    stormRate: positive('storm-rate', values['storm-rate']),
    customerRate: positive('storm-customer-rate', values['storm-customer-rate']),
    maxPerPost: positive('storm-batch', values['storm-batch']),
  },
  rlsMessages: positive('rls-messages', values['rls-messages']),
};
setEnvForProcess({ LOG_LEVEL: 'warn' });

const suiteOrder = [
  'webhook',
  'reply',
  'db',
  'cpu',
  'storm',
  'queue',
  'slots',
  'reports',
  'search',
  'rls',
  'cost',
  'media',
  'import',
  'api',
];

function printTable(rows: BenchRow[]): void {
  const cells = rows.map((row) => [
    row.suite,
    row.metric,
    `${row.value} ${row.unit}`,
    row.baseline === undefined
      ? ''
      : `${row.baseline} ${row.unit}${row.baselineName ? ` ${row.baselineName}` : ''}`,
    row.ratio === undefined ? '' : `${row.ratio}x`,
  ]);
  const header = ['suite', 'metric', 'value', 'baseline', 'ratio'];
  const widths = header.map((title, i) => Math.max(title.length, ...cells.map((cell) => cell[i]!.length)));
  const line = (cell: string[]) => cell.map((text, i) => text.padEnd(widths[i]!)).join('  ');
  console.log(
    [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...cells.map(line)].join('\n'),
  );
  const notes = new Set(rows.filter((row) => row.note).map((row) => `  ${row.suite}: ${row.note}`));
  console.log(`\nnotes:\n${[...notes].join('\n')}`);
}

const started = Date.now();
const loadAverageAtStart = os.loadavg().map((load) => Math.round(load * 100) / 100);
const server = await startBenchServer();
try {
  const rows: BenchRow[] = [];
  let breakdown: Parameters<typeof describeBreakdown>[0] | undefined;
  if (suites.has('app')) {
    const app = await runAppBench(server, options);
    rows.push(...app.rows);
    breakdown = app.breakdown;
  }
  if (suites.has('storm'))
    rows.push(
      ...(await runStormSuite(server, {
        ...options.storm,
        reuseBuild: options.reuseBuild || suites.has('app'),
      })),
    );
  if (suites.has('queue')) rows.push(...(await runQueueBench(server, options)));
  if (suites.has('slots')) rows.push(...(await runSlotsBench(server, options)));
  if (suites.has('reports')) rows.push(...(await runReportsBench(server, options)));
  if (suites.has('search'))
    rows.push(
      ...(await runSearchBench(server, { messages: options.messages, samples: options.searchSamples })),
    );
  if (suites.has('rls'))
    rows.push(
      ...(await runRlsBench(server, { messages: options.rlsMessages, samples: options.searchSamples })),
    );
  if (suites.has('cost')) rows.push(...(await runCostBench()));
  if (suites.has('media')) rows.push(...(await runMediaTurnBench()));
  if (suites.has('import')) rows.push(...(await runImportBench(server, options)));
  if (suites.has('api')) rows.push(...(await runApiBench(server, { samples: options.apiSamples })));
  rows.sort((a, b) => suiteOrder.indexOf(a.suite) - suiteOrder.indexOf(b.suite));
  console.log('');
  printTable(rows);
  if (breakdown) console.log(`\n${describeBreakdown(breakdown)}`);
  const machine = {
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    loadAverageAtStart,
    loadAverageAtEnd: os.loadavg().map((load) => Math.round(load * 100) / 100),
  };
  const seconds = Math.round((Date.now() - started) / 1000);
  writeFileSync(
    path.join(import.meta.dirname, 'results.json'),
    `${JSON.stringify({ at: new Date().toISOString(), seconds, machine, options, rows, breakdown }, null, 2)}\n`,
  );
  console.log(`\n${seconds} s; written to bench/results.json`);
} finally {
  await server.stop();
}
process.exit(0);

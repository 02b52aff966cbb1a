import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { ackToSendUnderLoad, measureIdleAckToSend } from './ack-to-send-bench';
import type { BenchServer } from './bench-database';
import { startBenchStack } from './bench-stack';
import { buildBenchApp } from './build-bench-app';
import { roundTripRows, sumWindows } from './db-round-trips';
import type { BenchRow } from './measure';
import { runStatusStormBench, type StormOptions } from './status-storm-bench';
import { type CountsWindow, runAckOpenLoop, warmUp } from './webhook-ack-bench';
import { runAckThroughput, type ThroughputResult } from './webhook-throughput-bench';

// The suites that need the built app: webhook ack (open and closed loop), ack -> send, database
// round trips counted during the open-loop loads, and where the time goes. Each load has its
// own "run" number, so new people and message ids never repeat within the database.

export type AppBenchOptions = {
  rates: number[];
  seconds: number;
  throughputSeconds: number;
  connections: number;
  replySamples: number;
  reuseBuild: boolean;
  profile: boolean;
};

export async function runAppBench(
  server: BenchServer,
  options: AppBenchOptions,
): Promise<{ rows: BenchRow[]; breakdown: ThroughputResult['breakdown'] }> {
  const { dir, reused } = buildBenchApp({ reuse: options.reuseBuild });
  console.log(`${reused ? 'reusing' : 'built'} the app in ${dir}`);
  const logDir = path.join(dir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const profile = options.profile ? ['--cpu-prof', `--cpu-prof-dir=${logDir}`] : [];
  const stack = await startBenchStack(server, dir, logDir, profile);
  try {
    await warmUp(stack, 1);
    const idle = await measureIdleAckToSend(stack, { samples: options.replySamples, run: 2 });
    const rows: BenchRow[] = [...idle.rows];
    const windows: Record<'noAi' | 'ai', CountsWindow[]> = { noAi: [], ai: [] };
    for (const [i, rate] of options.rates.entries()) {
      console.log(`open loop at ${rate} req/s`);
      const load = await runAckOpenLoop(stack, { rate, seconds: options.seconds, run: 3 + i });
      rows.push(
        ...load.rows,
        ...ackToSendUnderLoad(stack, load.acks, idle.idle, `${rate} req/s`, load.swept),
      );
      windows.noAi.push(load.counts.noAi);
      windows.ai.push(load.counts.ai);
    }
    const label = `open loop ${options.rates.join(' + ')} req/s`;
    rows.push(...roundTripRows(sumWindows(windows.noAi), sumWindows(windows.ai), label));
    console.log('closed loop');
    const throughput = await runAckThroughput(stack, {
      seconds: options.throughputSeconds,
      connections: options.connections,
      run: 3 + options.rates.length,
    });
    rows.push(...throughput.rows);
    console.log(`app and bare server logs${options.profile ? ' and CPU profile' : ''}: ${logDir}`);
    return { rows, breakdown: throughput.breakdown };
  } finally {
    await stack.stop();
  }
}

/** The status storm suite, on the built app with a database of its own. */
export async function runStormSuite(
  server: BenchServer,
  options: StormOptions & { reuseBuild: boolean },
): Promise<BenchRow[]> {
  const { dir } = buildBenchApp({ reuse: options.reuseBuild });
  const logDir = path.join(dir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const stack = await startBenchStack(server, dir, logDir, [], 'bench_storm');
  try {
    await warmUp(stack, 39);
    return await runStatusStormBench(stack, options);
  } finally {
    await stack.stop();
  }
}

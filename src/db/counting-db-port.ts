import type { ArgsOf, FunctionName, ResultOf } from './function-types';
import type { DbPort, RpcOptions } from './rpc-port';

// Benchmarks only (BENCH_ENDPOINTS=1): counts the calls that go through the port, per SQL
// function, so round trips per webhook and per job kind are counted rather than estimated.
// Each rpc() of the node-postgres port is one round trip. Also counts the jobs claim_jobs hands
// out, per type, to divide by. Costs one Map update per call.

export type DbCallCounts = {
  calls: Record<string, number>;
  failed: Record<string, number>;
  claimed_jobs: Record<string, number>;
};

export type CountingDbPort = DbPort & { countedCalls: () => DbCallCounts };

function bump(counts: Record<string, number>, key: string, by = 1): void {
  counts[key] = (counts[key] ?? 0) + by;
}

export function createCountingDbPort(port: DbPort): CountingDbPort {
  const counts: DbCallCounts = { calls: {}, failed: {}, claimed_jobs: {} };
  return {
    kind: port.kind,
    async rpc<N extends FunctionName>(name: N, args: ArgsOf<N>, options?: RpcOptions): Promise<ResultOf<N>> {
      bump(counts.calls, name);
      try {
        const result = await port.rpc(name, args, options);
        if (name === 'claim_jobs' && Array.isArray(result)) {
          for (const job of result as { job_type?: string }[])
            bump(counts.claimed_jobs, String(job.job_type));
        }
        return result;
      } catch (error) {
        bump(counts.failed, name);
        throw error;
      }
    },
    close: () => port.close(),
    countedCalls: () => structuredClone(counts),
  };
}

export function isCountingDbPort(port: DbPort): port is CountingDbPort {
  return typeof (port as Partial<CountingDbPort>).countedCalls === 'function';
}

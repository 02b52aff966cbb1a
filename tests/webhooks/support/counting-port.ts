import type { ArgsOf, FunctionName, ResultOf } from '@/src/db/function-types';
import type { DbPort, RpcOptions } from '@/src/db/rpc-port';

// Delegates to the real port and remembers every rpc name: round trips per request, counted.
export function countingPort(inner: DbPort): DbPort & { calls: string[] } {
  const calls: string[] = [];
  return {
    kind: inner.kind,
    calls,
    rpc<N extends FunctionName>(name: N, args: ArgsOf<N>, options?: RpcOptions): Promise<ResultOf<N>> {
      calls.push(name);
      return inner.rpc(name, args, options);
    },
    close: () => inner.close(),
  };
}

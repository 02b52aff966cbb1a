import type { DbPort, RpcArgs, RpcOptions } from '@/src/db/rpc-port';

// Delegates to the real port and remembers every rpc name: round trips per request, counted.
export function countingPort(inner: DbPort): DbPort & { calls: string[] } {
  const calls: string[] = [];
  return {
    kind: inner.kind,
    calls,
    rpc<T>(name: string, args?: RpcArgs, options?: RpcOptions): Promise<T> {
      calls.push(name);
      return inner.rpc<T>(name, args, options);
    },
    close: () => inner.close(),
  };
}

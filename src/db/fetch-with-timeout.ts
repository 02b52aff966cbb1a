// A fetch that gives up after timeoutMs (or sooner, if the caller's own signal aborts first), for
// every supabase-js client: a Supabase API that stops answering must not hold a request forever.

export function fetchWithTimeout(timeoutMs: number, baseFetch?: typeof fetch): typeof fetch {
  return (input, init = {}) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    // The global fetch is looked up per call: test interceptors and polyfills may replace it later.
    return (baseFetch ?? globalThis.fetch)(input, { ...init, signal });
  };
}

import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { AppError, errorCodeForSqlState } from '@/src/shared/app-error';
import { log } from '@/src/shared/logger';
import { fetchWithTimeout } from './fetch-with-timeout';
import { NoRealtimeOnServer } from './no-realtime-on-server';
import { assertIdentifier, type DbPort, type RpcArgs, type RpcOptions } from './rpc-port';
import { sqlErrorDetails } from './sql-error-reason';

// supabase-js implementation: PostgREST `POST /rest/v1/rpc/<name>` with the service role key,
// or with the staff member's own access token so RLS applies.

type SupabasePortConfig = {
  url: string;
  serviceRoleKey: string;
  anonKey?: string;
  fetch?: typeof fetch;
  /** Every PostgREST call gives up after this long (default 15 s). */
  timeoutMs?: number;
};

function makeClient(
  url: string,
  key: string,
  fetchImpl?: typeof fetch,
  accessToken?: string,
): SupabaseClient {
  return createClient(url, key, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    realtime: { transport: NoRealtimeOnServer as never },
    global: {
      ...(fetchImpl ? { fetch: fetchImpl } : {}),
      ...(accessToken ? { headers: { Authorization: `Bearer ${accessToken}` } } : {}),
    },
  });
}

export function createSupabasePort(config: SupabasePortConfig): DbPort {
  const timedFetch = fetchWithTimeout(config.timeoutMs ?? 15_000, config.fetch);
  const service = makeClient(config.url, config.serviceRoleKey, timedFetch);
  return {
    kind: 'supabase',
    // The generated types describe what the function returns; this is where they are trusted.
    rpc: (async (name: string, args: RpcArgs = {}, options: RpcOptions = {}): Promise<unknown> => {
      assertIdentifier(name);
      let client = service;
      if (options.as) {
        if (!options.as.accessToken || !config.anonKey) {
          throw new AppError('unauthorized', 'A staff call through Supabase needs the user access token');
        }
        client = makeClient(config.url, config.anonKey, timedFetch, options.as.accessToken);
      }
      const { data, error } = await client.rpc(name, args);
      if (error) {
        const code = errorCodeForSqlState(error.code);
        if (code) throw new AppError(code, error.message, sqlErrorDetails(error.hint));
        log.error('db.rpc_failed', { rpc: name, sqlState: error.code, error: error.message });
        throw new Error(`rpc ${name} failed: ${error.message}`);
      }
      return data;
    }) as DbPort['rpc'],
    close: async () => {},
  };
}

import pg from 'pg';
import { AppError, errorCodeForSqlState } from '@/src/shared/app-error';
import { log } from '@/src/shared/logger';
import { assertIdentifier, type DbPort, type RpcArgs, type RpcOptions } from './rpc-port';

// node-postgres implementation of the port. Each call is ONE round trip: a simple-protocol
// string that opens a transaction, takes the caller's role and JWT claims exactly as PostgREST
// does, calls the function and commits. Values are sent as escaped literals (never spliced raw).

function literal(client: pg.PoolClient, value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'string') return client.escapeLiteral(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new AppError('bad_request', 'Numbers must be finite');
    return client.escapeLiteral(String(value));
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return client.escapeLiteral(value.toISOString());
  return client.escapeLiteral(JSON.stringify(value));
}

export function buildRpcSql(client: pg.PoolClient, name: string, args: RpcArgs, options: RpcOptions): string {
  assertIdentifier(name);
  const params = Object.entries(args)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => {
      assertIdentifier(key);
      return `${key} => ${literal(client, value)}`;
    });
  const role = options.as ? 'authenticated' : 'service_role';
  const claims = options.as ? options.as.claims : { role: 'service_role' };
  return [
    'begin',
    `select set_config('role', '${role}', true), set_config('request.jwt.claims', ${literal(client, claims)}, true)`,
    `select public.${name}(${params.join(', ')}) as result`,
    'commit',
  ].join(';\n');
}

export function toAppError(error: unknown, name: string): unknown {
  const pgError = error as { code?: string; message?: string };
  const code = errorCodeForSqlState(pgError.code);
  if (code) return new AppError(code, pgError.message ?? 'Database error');
  log.error('db.rpc_failed', { rpc: name, sqlState: pgError.code, error: pgError.message });
  return error;
}

export function createPgPort(pool: pg.Pool): DbPort & { pool: pg.Pool } {
  return {
    kind: 'postgres',
    pool,
    async rpc<T>(name: string, args: RpcArgs = {}, options: RpcOptions = {}): Promise<T> {
      const client = await pool.connect();
      let broken = false;
      try {
        const results = (await client.query(
          buildRpcSql(client, name, args, options),
        )) as unknown as pg.QueryResult[];
        const call = results[2];
        return call?.rows[0]?.result as T;
      } catch (error) {
        try {
          await client.query('rollback');
        } catch {
          broken = true;
        }
        throw toAppError(error, name);
      } finally {
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}

export function createPgPool(connectionString: string, max = 10): pg.Pool {
  const pool = new pg.Pool({ connectionString, max, idleTimeoutMillis: 30_000 });
  // An idle client losing its server (restart, pooler recycle) must not crash the process.
  pool.on('error', (error) => log.warn('db.idle_client_error', { error: error.message }));
  return pool;
}

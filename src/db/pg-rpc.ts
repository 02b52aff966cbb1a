import { attachDatabasePool } from '@vercel/functions/db-connections';
import pg from 'pg';
import { AppError, errorCodeForSqlState } from '@/src/shared/app-error';
import { log } from '@/src/shared/logger';
import { createArrayArgumentTypes } from './array-argument-types';
import { databaseTlsProblem, withLibpqTls } from './database-tls';
import { safeJson, safeText } from './postgres-safe-text';
import { assertIdentifier, type DbPort, type RpcArgs, type RpcOptions } from './rpc-port';
import { sqlErrorDetails } from './sql-error-reason';

// node-postgres implementation of the port. Each call is ONE round trip: a simple-protocol
// string that opens a transaction, takes the caller's role and JWT claims exactly as PostgREST
// does, calls the function and commits. Values are sent as escaped literals (never spliced raw).

function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'string') return pg.escapeLiteral(safeText(value));
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new AppError('bad_request', 'Numbers must be finite');
    return pg.escapeLiteral(String(value));
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return pg.escapeLiteral(value.toISOString());
  return pg.escapeLiteral(safeJson(value));
}

function arrayLiteral(values: unknown[], type: string): string {
  if (!/^[a-z0-9_ ]+\[\]$/.test(type)) throw new Error(`Unexpected array type ${type}`);
  return `array[${values.map((value) => literal(value)).join(', ')}]::${type}`;
}

function buildRpcSql(
  name: string,
  args: RpcArgs,
  options: RpcOptions,
  arrayTypes: Map<string, string> = new Map(),
  statementTimeoutMs = 0,
): string {
  assertIdentifier(name);
  const params = Object.entries(args)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => {
      assertIdentifier(key);
      const arrayType = arrayTypes.get(key);
      if (Array.isArray(value) && arrayType) return `${key} => ${arrayLiteral(value, arrayType)}`;
      return `${key} => ${literal(value)}`;
    });
  const role = options.as ? 'authenticated' : 'service_role';
  const claims = options.as ? options.as.claims : { role: 'service_role' };
  return [
    'begin',
    // statement_timeout is set per transaction: a startup parameter would not survive a pooler.
    `select set_config('role', '${role}', true), set_config('request.jwt.claims', ${literal(claims)}, true), set_config('statement_timeout', '${Math.trunc(statementTimeoutMs)}', true)`,
    `select public.${name}(${params.join(', ')}) as result`,
    'commit',
  ].join(';\n');
}

function toAppError(error: unknown, name: string): unknown {
  const pgError = error as { code?: string; message?: string; hint?: string };
  const code = errorCodeForSqlState(pgError.code);
  if (code) return new AppError(code, pgError.message ?? 'Database error', sqlErrorDetails(pgError.hint));
  log.error('db.rpc_failed', { rpc: name, sqlState: pgError.code, error: pgError.message });
  return error;
}

export type PgPortOptions = {
  /** Server-side limit per call in ms (0: none). Set per transaction, so it works through any pooler. */
  statementTimeoutMs?: number;
};

export function createPgPort(pool: pg.Pool, portOptions: PgPortOptions = {}): DbPort & { pool: pg.Pool } {
  const arrayArgumentTypes = createArrayArgumentTypes(pool);
  return {
    kind: 'postgres',
    pool,
    // The generated types describe what the function returns; this is where they are trusted.
    rpc: (async (name: string, args: RpcArgs = {}, options: RpcOptions = {}): Promise<unknown> => {
      assertIdentifier(name);
      const hasArray = Object.values(args).some(Array.isArray);
      const sql = buildRpcSql(
        name,
        args,
        options,
        hasArray ? await arrayArgumentTypes(name) : undefined,
        portOptions.statementTimeoutMs,
      );
      const client = await pool.connect();
      let broken = false;
      try {
        const results = (await client.query(sql)) as unknown as pg.QueryResult[];
        const call = results[2];
        return call?.rows[0]?.result;
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
    }) as DbPort['rpc'],
    close: () => pool.end(),
  };
}

export type PgPoolOptions = { connectTimeoutMs?: number; idleTimeoutMs?: number };

/** Refuses a remote database without TLS (see database-tls.ts) before opening anything. */
export function createPgPool(connectionString: string, max = 10, options: PgPoolOptions = {}): pg.Pool {
  const tlsProblem = databaseTlsProblem(connectionString);
  if (tlsProblem) throw new Error(tlsProblem);
  const pool = new pg.Pool({
    connectionString: withLibpqTls(connectionString),
    max,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    idleTimeoutMillis: options.idleTimeoutMs ?? 10_000,
  });
  // An idle client losing its server (restart, pooler recycle) must not crash the process.
  pool.on('error', (error) => log.warn('db.idle_client_error', { error: error.message }));
  // On Vercel Fluid compute, keeps the instance alive until idle clients are closed (a no-op elsewhere).
  attachDatabasePool(pool);
  return pool;
}

import type { ArgsOf, FunctionName, ResultOf } from './function-types';

// The one door to the database: call a SQL function by name with named arguments.
// `as` runs the call as a signed-in staff member so row level security decides.

export type StaffIdentity = {
  /** JWT claims as PostgREST would see them; `sub` is the auth user id. */
  claims: { sub: string; role: 'authenticated'; email?: string; [claim: string]: unknown };
  /** The user's Supabase access token; required by the supabase-js implementation. */
  accessToken?: string;
};

export type RpcOptions = { as?: StaffIdentity };

export type RpcArgs = Record<string, unknown>;

export interface DbPort {
  readonly kind: 'postgres' | 'supabase';
  /** Types come from src/db/database-functions.ts (`npm run db:types`), never from the caller. */
  rpc<N extends FunctionName>(name: N, args: ArgsOf<N>, options?: RpcOptions): Promise<ResultOf<N>>;
  close(): Promise<void>;
}

const identifier = /^[a-z_][a-z0-9_]{0,62}$/;

export function assertIdentifier(name: string): void {
  if (!identifier.test(name)) throw new Error(`Invalid SQL identifier: ${name}`);
}

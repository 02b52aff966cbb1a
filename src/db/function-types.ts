import type { DatabaseFunctions } from './database-functions';

// rpc() typing, from the generated catalog of SQL functions: a call names a real function,
// passes its arguments by their SQL names and gets that function's result type back.

export type FunctionName = keyof DatabaseFunctions;

export type ArgsOf<N extends FunctionName> = DatabaseFunctions[N]['args'];

export type ResultOf<N extends FunctionName> = DatabaseFunctions[N]['returns'];

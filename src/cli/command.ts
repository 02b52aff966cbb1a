import type { ParseArgsConfig } from 'node:util';
import type { DbPort } from '@/src/db/rpc-port';
import type { AppEnv } from '@/src/env';

type Options = NonNullable<ParseArgsConfig['options']>;

export type CliContext = {
  db: DbPort;
  env: AppEnv;
  values: Record<string, string | boolean | undefined>;
  print: (human: string, data: unknown) => void;
};

export type Subcommand = {
  summary: string;
  usage: string;
  options: Options;
  /** Options that must be present. */
  required?: string[];
  needsDatabase?: boolean;
  run: (context: CliContext) => Promise<void>;
};

export type Command = {
  name: string;
  summary: string;
  subcommands: Record<string, Subcommand>;
  /** Run when no subcommand is named (`npm run cli -- doctor`). */
  defaultSubcommand?: string;
};

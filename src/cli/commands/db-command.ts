import { databaseHost, isLocalDatabaseUrl } from '@/src/db/local-database-url';
import { migrate, resetDatabase } from '@/src/db/migrate';
import { createPgPool, createPgPort } from '@/src/db/pg-rpc';
import { AppError } from '@/src/shared/app-error';
import { seedDemoTenant } from '@/src/tenants/seed-demo-tenant';
import type { CliContext, Command } from '../command';

async function withPool<T>(context: CliContext, work: (pool: ReturnType<typeof createPgPool>) => Promise<T>) {
  if (!context.env.DATABASE_URL) {
    throw new AppError(
      'bad_request',
      'Migrations run through DATABASE_URL; on Supabase use `supabase db push`',
    );
  }
  const pool = createPgPool(context.env.DATABASE_URL, 2);
  try {
    return await work(pool);
  } finally {
    await pool.end();
  }
}

export const dbCommand: Command = {
  name: 'db',
  summary: 'Migrate, reset and seed the database',
  subcommands: {
    migrate: {
      summary: 'Apply pending migrations from supabase/migrations',
      usage: 'db migrate',
      options: {},
      async run(context) {
        const result = await withPool(context, (pool) => migrate(pool));
        context.print(
          result.applied.length ? `Applied:\n  ${result.applied.join('\n  ')}` : 'Database is up to date',
          result,
        );
      },
    },
    reset: {
      summary: 'Local mode, local database only: drop everything, migrate again and seed the demo tenant',
      usage: 'db reset',
      options: {},
      async run(context) {
        if (context.env.appMode !== 'local')
          throw new AppError('forbidden', 'db reset is refused outside local mode');
        if (!isLocalDatabaseUrl(context.env.DATABASE_URL))
          throw new AppError(
            'forbidden',
            `db reset only drops a database on this machine, not the one on ${databaseHost(context.env.DATABASE_URL)}`,
          );
        const result = await withPool(context, async (pool) => {
          await resetDatabase(pool);
          const migrated = await migrate(pool);
          await seedDemoTenant(createPgPort(pool), {
            appMode: context.env.appMode,
            encryptionKey: context.env.ENCRYPTION_KEY!,
          });
          return migrated;
        });
        context.print(`Reset: ${result.applied.length} migrations applied, demo tenant seeded`, result);
      },
    },
    seed: {
      summary: 'Local mode, local database only: seed the demo tenant if it is missing',
      usage: 'db seed',
      options: {},
      async run(context) {
        if (!isLocalDatabaseUrl(context.env.DATABASE_URL))
          throw new AppError(
            'forbidden',
            `db seed only seeds a database on this machine (the demo tenant's secrets are public), not the one on ${databaseHost(context.env.DATABASE_URL)}`,
          );
        const result = await seedDemoTenant(context.db, {
          appMode: context.env.appMode,
          encryptionKey: context.env.ENCRYPTION_KEY!,
        });
        context.print(result.created ? 'Demo tenant seeded' : 'Demo tenant already present', result);
      },
    },
  },
};

import type pg from 'pg';
import { listMigrations } from '@/src/db/migrate';
import { type DoctorCheck, fail, ok, warn } from './doctor-check';

// Compares supabase/migrations with what the database recorded (as `supabase db push` records it).

export async function checkMigrations(pool: pg.Pool): Promise<DoctorCheck> {
  const files = listMigrations();
  let done: Set<string>;
  try {
    const { rows } = await pool.query('select version from supabase_migrations.schema_migrations');
    done = new Set(rows.map((row) => String(row.version)));
  } catch (error) {
    if ((error as { code?: string }).code !== '42P01') throw error;
    done = new Set();
  }
  const pending = files.filter((file) => !done.has(file.version));
  if (pending.length > 0) {
    const names = pending.map((file) => `${file.version}_${file.name}`);
    const shown = names.length > 3 ? [...names.slice(0, 3), `and ${names.length - 3} more`] : names;
    return fail(
      'migrations',
      `${pending.length} migration(s) not applied: ${shown.join(', ')}. Run \`supabase db push\` ` +
        '(or `npm run db:migrate` with the session connection, port 5432)',
    );
  }
  const known = new Set(files.map((file) => file.version));
  const unknown = [...done].filter((version) => !known.has(version));
  if (unknown.length > 0) {
    return warn(
      'migrations',
      `the database has migrations this code does not (${unknown.join(', ')}): is an older version deployed?`,
    );
  }
  return ok('migrations', `all ${files.length} migrations applied`);
}

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { generateSchemaFiles } from '@/scripts/db-schema/generate-schema';
import { staleSchemaFiles } from '@/scripts/db-schema/schema-files';
import { createMigratedDatabase, type ScratchDatabase } from '@/scripts/db-schema/scratch-database';

// supabase/schemas must be exactly what `npm run db:schema` writes from supabase/migrations.
// It migrates its own database on the test server rather than reading the template: the schema
// shows realtime publication membership, which needs the supabase_realtime publication to exist
// before the migrations run (plain PostgreSQL, hence the template, has none).

let database: ScratchDatabase;

beforeAll(async () => {
  database = await createMigratedDatabase(inject('adminDatabaseUrl'));
});

afterAll(async () => {
  await database?.drop();
});

describe('supabase/schemas', () => {
  it('matches what npm run db:schema generates from supabase/migrations', async () => {
    const client = await database.pool.connect();
    try {
      const stale = staleSchemaFiles(await generateSchemaFiles(client));
      expect(stale, `supabase/schemas is out of date (${stale.join(', ')}): run npm run db:schema`).toEqual(
        [],
      );
    } finally {
      client.release();
    }
  });
});

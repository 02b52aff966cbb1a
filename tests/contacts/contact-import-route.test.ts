import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devSessionCookieName, sealDevSession } from '@/src/auth/dev-session-cookie';
import { importContactsResponse } from '@/src/dashboard/contacts/import-contacts-response';
import { parseEnv } from '@/src/env';
import { createMemoryCookies } from '../dashboard/memory-cookies';
import { createTenantWithStaff } from '../support/staff';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// POST /api/t/<tenant>/contacts/import as the import page sends it: multipart, a staff session.

let test: TestDatabase;
const env = parseEnv({ APP_MODE: 'local', ENCRYPTION_KEY: randomBytes(32).toString('base64') });
const csv = readFileSync('tests/fixtures/contacts/vambe-export.csv');

beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(() => test.drop());

function post(
  slug: string,
  session: { sub: string; email: string } | null,
  fields: Record<string, string>,
  file = true,
) {
  const cookies = createMemoryCookies();
  if (session) cookies.set(devSessionCookieName, sealDevSession(session, env.ENCRYPTION_KEY as string));
  const body = new FormData();
  if (file) body.set('file', new File([csv], 'export.csv', { type: 'text/csv' }));
  for (const [key, value] of Object.entries(fields)) body.set(key, value);
  return importContactsResponse(
    new Request(`http://localhost/api/t/${slug}/contacts/import`, { method: 'POST', body }),
    { tenantSlug: slug },
    { db: test.db, env, cookies },
  );
}

const valid = { mapping: JSON.stringify({ name: 0, phone: 1 }), country: 'MX', dry_run: 'true' };

describe('contact import route', () => {
  it('answers precise 4xx JSON and a dry run or an import for an admin', async () => {
    const owner = await createTenantWithStaff(test, 'ruta-import');
    const session = { sub: owner.userId, email: 'owner@ruta-import.example' };

    const anonymous = await post('ruta-import', null, valid);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error: { code: 'unauthorized' } });

    const stranger = await createTenantWithStaff(test, 'otra-clinica');
    const elsewhere = await post(
      'ruta-import',
      { sub: stranger.userId, email: 'owner@otra-clinica.example' },
      valid,
    );
    expect(elsewhere.status).toBe(404);

    const noFile = await post('ruta-import', session, valid, false);
    expect(noFile.status).toBe(400);

    const badMapping = await post('ruta-import', session, { ...valid, mapping: '{"telefono":1}' });
    expect(badMapping.status).toBe(400);
    expect(await badMapping.json()).toMatchObject({
      error: { code: 'bad_request', message: expect.stringContaining('mapping') },
    });

    const dry = await post('ruta-import', session, valid);
    expect(dry.status).toBe(200);
    expect(await dry.json()).toMatchObject({ dryRun: true, created: 3, mapping: { name: 0, phone: 1 } });

    const applied = await post('ruta-import', session, { ...valid, dry_run: 'false' });
    expect(await applied.json()).toMatchObject({ dryRun: false, created: 3 });
    const { rows } = await test.pool.query('select count(*)::int as n from leads where tenant_id = $1', [
      owner.tenantId,
    ]);
    expect(rows[0].n).toBe(3);

    const agent = await test.db.rpc('admin_seed_staff_member', {
      p_tenant_slug: 'ruta-import',
      p_email: 'agent@ruta-import.example',
      p_role: 'agent',
    });
    const refused = await post(
      'ruta-import',
      { sub: agent.user_id, email: 'agent@ruta-import.example' },
      valid,
    );
    expect(refused.status).toBe(403);
  });
});

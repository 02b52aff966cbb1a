import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET } from '@/app/api/health/route';
import { getEnv, setEnvForProcess } from '@/src/env';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// /api/health answers anyone: a deployment says whether its database answers and nothing about
// how many businesses it serves.

const before = getEnv().APP_MODE;
let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(async () => {
  setEnvForProcess({ APP_MODE: before ?? '' });
  await test.drop();
});

describe('GET /api/health', () => {
  beforeAll(() => setEnvForProcess({ APP_MODE: 'production' }));

  it('in production: the database and its migrations, no tenant count', async () => {
    const response = await GET();
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toEqual({ database: 'ok', migrations: expect.any(Number) });
    expect(body.migrations).toBeGreaterThan(10);
  });

  it('in local mode the count is there for the developer', async () => {
    setEnvForProcess({ APP_MODE: 'local' });
    expect(await (await GET()).json()).toMatchObject({ database: 'ok', tenants: expect.any(Number) });
  });
});

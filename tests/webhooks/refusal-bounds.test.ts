import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { fixtureText } from './support/fixtures';
import { freshWebhookTenant } from './support/fresh-tenant';
import { postRaw, postSigned } from './support/post-webhook';
import { refusalCounts } from './support/stored-rows';

// Refusals cost the database little and a bounded number of rows: anyone can send them.

let test: TestDatabase;

beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(() => test.drop());

async function tableRows(): Promise<number> {
  const { rows } = await test.pool.query(
    `select (select count(*)::int from webhook_events) + (select count(*)::int from webhook_refusal_counts) as n`,
  );
  return rows[0].n;
}

describe('refused webhook deliveries', () => {
  it('5,000 deliveries to random slugs add fewer than 200 rows, and every one is counted', async () => {
    const before = await tableRows();
    const body = fixtureText('whatsapp', 'text');
    const slugs = Array.from({ length: 5000 }, () => `x${randomBytes(6).toString('hex')}`);
    for (let i = 0; i < slugs.length; i += 50) {
      const answers = await Promise.all(
        slugs.slice(i, i + 50).map((slug) => postSigned('whatsapp', slug, body)),
      );
      for (const answer of answers) {
        expect(answer).toMatchObject({ status: 404, body: { error: 'not_found', message: 'not found' } });
      }
    }
    expect((await tableRows()) - before).toBeLessThan(200);
    const unknown = (await refusalCounts(test)).filter((row) => row.outcome === 'unknown_tenant');
    expect(unknown).toEqual([
      { tenant_id: null, channel: 'whatsapp', outcome: 'unknown_tenant', refused: 5000, recorded: 0 },
    ]);
  }, 300_000);

  it('a tenant gets a row for its first 20 refusals of a minute; the rest are counted', async () => {
    const tenant = await freshWebhookTenant(test);
    const body = fixtureText('whatsapp', 'text');
    // One minute boundary may fall inside the loop: the bound is then per minute, twice.
    const { rows: start } = await test.pool.query("select date_trunc('minute', now()) as minute");
    for (let i = 0; i < 30; i += 1) {
      const posted = await postRaw('whatsapp', tenant.slug, body, { 'x-hub-signature-256': 'sha256=00' });
      expect(posted).toMatchObject({ status: 401, body: { error: 'bad_signature' } });
    }
    const { rows: end } = await test.pool.query("select date_trunc('minute', now()) as minute");
    const minutes = start[0].minute.getTime() === end[0].minute.getTime() ? 1 : 2;
    const { rows } = await test.pool.query(
      'select count(*)::int as n from webhook_events where tenant_id = $1',
      [tenant.tenantId],
    );
    expect(rows[0].n).toBeLessThanOrEqual(20 * minutes);
    expect(rows[0].n).toBeGreaterThanOrEqual(20);
    const counted = (await refusalCounts(test)).find((row) => row.tenant_id === tenant.tenantId);
    expect(counted).toEqual({
      tenant_id: tenant.tenantId,
      channel: 'whatsapp',
      outcome: 'bad_signature',
      refused: 30,
      recorded: rows[0].n,
    });
  });
});

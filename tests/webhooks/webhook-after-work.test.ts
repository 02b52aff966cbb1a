import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { fixtureText } from './support/fixtures';
import { freshWebhookTenant } from './support/fresh-tenant';
import { postSigned } from './support/post-webhook';

// after() starts the job processor only when the delivery may have enqueued a job; a delivery
// that enqueued nothing schedules nothing (an empty claim per delivery is measurable load).

let test: TestDatabase;

beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(() => test.drop());

function whatsappText(id: string): string {
  return fixtureText('whatsapp', 'text').replace(
    'wamid.HBgNNTIxNTU4NzY1NDMyMRUCABIYFDNBMDFBMDFBMDFBMDFBMDFBMDEA',
    id,
  );
}

async function jobTypes(tenantId: string): Promise<string[]> {
  const { rows } = await test.pool.query('select job_type from jobs where tenant_id = $1 order by job_type', [
    tenantId,
  ]);
  return rows.map((row) => row.job_type);
}

describe('work scheduled after the ack', () => {
  it('runs after a message that enqueued or updated an ai_response job', async () => {
    const tenant = await freshWebhookTenant(test);
    const first = await postSigned('whatsapp', tenant.slug, whatsappText('wamid.AFTER1'));
    const second = await postSigned('whatsapp', tenant.slug, whatsappText('wamid.AFTER2'));
    expect(first.body).toMatchObject({ stored: 1, ai_jobs: 1 });
    expect(second.body).toMatchObject({ stored: 1, ai_jobs: 1 });
    expect(await jobTypes(tenant.tenantId)).toEqual(['ai_response']);
    expect([first.afterTasks.length, second.afterTasks.length]).toEqual([1, 1]);
  });

  it('schedules nothing for a stored message that enqueued no job', async () => {
    const tenant = await freshWebhookTenant(test, { aiEnabled: false });
    await postSigned('whatsapp', tenant.slug, whatsappText('wamid.NOAI1'));
    const posted = await postSigned('whatsapp', tenant.slug, whatsappText('wamid.NOAI2'));
    expect(posted.body).toMatchObject({ stored: 1, ai_jobs: 0, leads_created: 0 });
    expect(posted.afterTasks).toHaveLength(0);
    expect(await jobTypes(tenant.tenantId)).toEqual([]);
  });

  it('schedules nothing for a message to a conversation a person handles', async () => {
    const tenant = await freshWebhookTenant(test);
    await postSigned('whatsapp', tenant.slug, whatsappText('wamid.HUMAN1'));
    await test.pool.query("update conversations set handled_by = 'human' where tenant_id = $1", [
      tenant.tenantId,
    ]);
    const posted = await postSigned('whatsapp', tenant.slug, whatsappText('wamid.HUMAN2'));
    expect(posted.body).toMatchObject({ stored: 1, ai_jobs: 0 });
    expect(posted.afterTasks).toHaveLength(0);
  });

  it('still runs after a new Messenger lead with AI off: its fetch_profile job must not wait for the cron', async () => {
    const tenant = await freshWebhookTenant(test, { aiEnabled: false });
    const posted = await postSigned('facebook', tenant.slug, fixtureText('facebook', 'text'));
    expect(posted.body).toMatchObject({ stored: 1, ai_jobs: 0, leads_created: 1 });
    expect(await jobTypes(tenant.tenantId)).toEqual(['fetch_profile']);
    expect(posted.afterTasks).toHaveLength(1);
  });
});

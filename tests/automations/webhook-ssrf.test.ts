import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAutomationEndpoint } from '@/src/automations/manage-automations';
import { postWebhook } from '@/src/automations/post-webhook';
import { checkWebhookUrl } from '@/src/automations/webhook-url-policy';
import { resolveTenant, type TenantContext } from '@/src/dashboard/tenants/resolve-tenant';
import { type AppEnv, parseEnv } from '@/src/env';
import { deliverWebhookHandler } from '@/src/jobs/handlers/deliver-webhook-handler';
import { processJobs } from '@/src/jobs/process-jobs';
import { createConversation } from '../outbound/outbound-fixture';
import { startFakeWebhookReceiver } from '../support/fake-webhook-receiver';
import { createTenantWithStaff } from '../support/staff';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// A webhook URL must not reach our own network: refused when saved, and refused again when the
// delivery connects (the address a name resolves to then), unless the dev flag allows loopback.

let test: TestDatabase;
let receiver: Awaited<ReturnType<typeof startFakeWebhookReceiver>>;
let live: AppEnv;
let dev: AppEnv;
let tenant: TenantContext;
let owner: Awaited<ReturnType<typeof createTenantWithStaff>>;

beforeAll(async () => {
  test = await createTestDatabase();
  receiver = await startFakeWebhookReceiver();
  live = parseEnv({ ...process.env, AUTOMATION_WEBHOOKS_ALLOW_LOCALHOST: 'false' });
  dev = parseEnv({ ...process.env, AUTOMATION_WEBHOOKS_ALLOW_LOCALHOST: 'true' });
  owner = await createTenantWithStaff(test, 'muros');
  tenant = await resolveTenant(test.db, owner.staff, 'muros');
});
afterAll(async () => {
  await receiver?.close();
  await test?.drop();
});

describe('webhook URLs', () => {
  it('accept public https only, without credentials', () => {
    expect(checkWebhookUrl('https://n8n.example.com/webhook/abc', false)).toBe(
      'https://n8n.example.com/webhook/abc',
    );
    for (const url of [
      'http://n8n.example.com/webhook',
      'ftp://n8n.example.com/',
      'https://user:pass@n8n.example.com/',
      'https://localhost/hook',
      'https://127.0.0.1/hook',
      'https://10.1.2.3/hook',
      'https://172.20.0.1/hook',
      'https://192.168.1.10/hook',
      'https://169.254.169.254/latest/meta-data',
      'https://100.64.0.1/hook',
      'https://[::1]/hook',
      'https://[fd00::1]/hook',
      'https://[::ffff:10.0.0.1]/hook',
      'https://0.0.0.0/hook',
      'not a url',
    ]) {
      expect(() => checkWebhookUrl(url, false), url).toThrow(/Invalid fields: url/);
    }
    // The dev flag lets a workflow on this machine in, over plain http too; other private networks stay out.
    expect(checkWebhookUrl('http://localhost:5678/webhook/x', true)).toBe('http://localhost:5678/webhook/x');
    expect(checkWebhookUrl('http://127.0.0.1:5678/webhook/x', true)).toBe('http://127.0.0.1:5678/webhook/x');
    expect(() => checkWebhookUrl('https://10.1.2.3/hook', true)).toThrow(/Invalid fields: url/);
    expect(() => checkWebhookUrl('http://n8n.example.com/hook', true)).toThrow(/Invalid fields: url/);
  });

  it('are refused on save, as a precise field error', async () => {
    await expect(
      createAutomationEndpoint(test.db, owner.staff, tenant, live, {
        url: 'https://169.254.169.254/latest',
        'event:message.received': 'on',
      }),
    ).rejects.toMatchObject({ code: 'bad_request', details: { fields: ['url'] } });
    const { rows } = await test.pool.query('select count(*)::int as n from webhook_endpoints');
    expect(rows[0].n).toBe(0);
  });

  it('a name that resolves to a loopback or private address is refused when connecting', async () => {
    const port = new URL(receiver.url()).port;
    const refused = await postWebhook(
      `http://localhost:${port}/webhook/inbox`,
      '{}',
      {},
      {
        timeoutMs: 2000,
        allowLocalhost: false,
      },
    );
    expect(refused).toMatchObject({ ok: false, status: null });
    expect(refused.ok ? '' : refused.error).toContain('refused address');
    expect(receiver.received).toHaveLength(0);
  });

  it('an endpoint saved under the dev flag gets nothing once the flag is off', async () => {
    await createAutomationEndpoint(test.db, owner.staff, tenant, dev, {
      url: receiver.url('/hooks/muros'),
      'event:message.received': 'on',
    });
    await createConversation(test, { channel: 'whatsapp', slug: 'muros' });
    await processJobs({
      db: test.db,
      env: live,
      handlers: [deliverWebhookHandler],
      jobTypes: ['deliver_webhook'],
      maxJobs: 5,
      budgetMs: 10_000,
      concurrency: 1,
    });
    expect(receiver.received).toHaveLength(0);
    const { rows } = await test.pool.query('select status, last_error from webhook_deliveries');
    expect(rows).toEqual([{ status: 'failed', last_error: 'address not allowed' }]);
  });

  it('a receiver that never answers is given up on at the timeout', async () => {
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as AddressInfo).port;
    try {
      const result = await postWebhook(
        `http://127.0.0.1:${port}/hook`,
        '{}',
        {},
        {
          timeoutMs: 300,
          allowLocalhost: true,
        },
      );
      expect(result).toEqual({ ok: false, status: null, error: 'timed out after 300 ms' });
    } finally {
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});

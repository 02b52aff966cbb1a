import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getEnv, parseEnv } from '@/src/env';
import { deliverWebhookHandler } from '@/src/jobs/handlers/deliver-webhook-handler';
import { processJobs } from '@/src/jobs/process-jobs';
import { demoTenant } from '@/src/tenants/demo-tenant';
import { seedDemoTenant } from '@/src/tenants/seed-demo-tenant';
import { seedInbox } from '../dashboard/seed-inbox';
import { startFakeWebhookReceiver } from '../support/fake-webhook-receiver';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { axeViolations } from './axe-audit';
import type { RunningApp } from './dashboard-app';
import { openLocalDashboard, signInLocally } from './local-dashboard';

// The "Automatizaciones" page in headless Chromium against the built app in local mode: add an
// address (a fake n8n Webhook node on loopback), see its signing key once, a customer message
// delivered by the job processor, the log, and "Reenviar" (same event id). Desktop and
// 390×844 screenshots in tests/e2e/screenshots/.

const screenshots = path.resolve(import.meta.dirname, 'screenshots');
const slug = demoTenant.slug;
let test: TestDatabase;
let app: RunningApp;
let browser: Browser;
let page: Page;
let cspViolations: string[];
let receiver: Awaited<ReturnType<typeof startFakeWebhookReceiver>>;

async function shot(name: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: path.join(screenshots, `automations-${name}-desktop.png`), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: path.join(screenshots, `automations-${name}-phone.png`), fullPage: true });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${name} is wider than the phone`).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** The queue drained the way /api/jobs/process would (the local app here has no scheduler). */
async function deliverUntil(check: () => boolean): Promise<void> {
  const env = parseEnv({ ...process.env, APP_MODE: 'local' });
  for (let round = 0; round < 10 && !check(); round += 1) {
    await processJobs({
      db: test.db,
      env,
      handlers: [deliverWebhookHandler],
      jobTypes: ['deliver_webhook'],
      maxJobs: 10,
      budgetMs: 10_000,
    });
    if (!check()) await new Promise((resolve) => setTimeout(resolve, 300));
  }
  expect(check()).toBe(true);
}

beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  test = await createTestDatabase({ installAsAppDb: false });
  const key = getEnv().ENCRYPTION_KEY!;
  await seedDemoTenant(test.db, { appMode: 'local', encryptionKey: key });
  receiver = await startFakeWebhookReceiver();
  ({ app, browser, page, cspViolations } = await openLocalDashboard(test, key));
  await signInLocally(page, app.baseUrl, slug, demoTenant.ownerEmail);
});

afterAll(async () => {
  await browser?.close();
  app?.stop();
  await receiver?.close();
  await test?.drop();
});

describe('automations in the browser', () => {
  it('explains the page in plain Spanish and adds an address, showing its signing key once', async () => {
    await page.goto(`${app.baseUrl}/t/${slug}/automations`);
    await page.getByRole('heading', { name: 'Automatizaciones', level: 1 }).waitFor();
    await expect(
      page.getByText(/aviso automático a otra aplicación \(por ejemplo n8n/).count(),
    ).resolves.toBe(1);
    await shot('01-empty');
    const add = page.getByRole('form', { name: 'Agregar dirección' });
    await add.getByLabel('Dirección (https://…)').fill(receiver.url('/webhook/esva'));
    await add.getByLabel('Nombre para reconocerla (opcional)').fill('Mi n8n');
    await add.getByLabel('Conversación pasada a una persona').check();
    await add.getByRole('button', { name: 'Agregar dirección' }).click();
    const notice = add.getByTestId('form-notice');
    await notice.waitFor();
    await expect(notice.textContent()).resolves.toMatch(/no la volverás a ver.*whsec_[A-Za-z0-9_-]{32}/s);
    expect(await axeViolations(page)).toEqual([]);
    await shot('02-key-once');
    await page.reload();
    await page.getByTestId('automation-endpoint').filter({ hasText: 'Mi n8n' }).waitFor();
    await expect(page.getByText(/whsec_/).count()).resolves.toBe(0);
  });

  it('a customer message reaches the workflow through the queue, and the log shows it delivered', async () => {
    const { rows } = await test.pool.query('select id from tenants where slug = $1', [slug]);
    await seedInbox(test, rows[0].id, { name: 'Carla Méndez', text: '¿Cuánto cuesta una limpieza?' });
    await deliverUntil(() =>
      receiver.received.some((r) => r.headers['x-webhook-event'] === 'message.received'),
    );
    await page.reload();
    const delivery = page
      .getByTestId('automation-delivery')
      .filter({ hasText: 'Mensaje nuevo de un cliente' });
    await delivery.getByText('Entregado').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await shot('03-log');
  });

  it('"Reenviar" sends it again with the same event id', async () => {
    const first = receiver.received.find((r) => r.headers['x-webhook-event'] === 'message.received')!;
    const delivery = page
      .getByTestId('automation-delivery')
      .filter({ hasText: 'Mensaje nuevo de un cliente' });
    await delivery.getByRole('button', { name: 'Reenviar' }).click();
    await delivery.getByTestId('form-notice').waitFor();
    await deliverUntil(
      () => receiver.received.filter((r) => r.headers['x-webhook-event'] === 'message.received').length === 2,
    );
    const again = receiver.received.filter((r) => r.headers['x-webhook-event'] === 'message.received')[1]!;
    expect(again.headers['x-webhook-id']).toBe(first.headers['x-webhook-id']);
    await page.reload();
    await page
      .getByTestId('automation-delivery')
      .filter({ hasText: 'Mensaje nuevo de un cliente' })
      .getByText('Intentos: 2')
      .waitFor();
    await shot('04-resent');
    expect(cspViolations).toEqual([]);
  });
});

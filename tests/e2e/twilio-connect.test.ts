import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getEnv } from '@/src/env';
import { demoTenant } from '@/src/tenants/demo-tenant';
import { seedDemoTenant } from '@/src/tenants/seed-demo-tenant';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import type { RunningApp } from './dashboard-app';
import { openLocalDashboard, signInLocally } from './local-dashboard';

// Connecting WhatsApp through Twilio from the channels page in headless Chromium (local mode,
// sandbox: nothing asks Twilio): Twilio's own fields with their help, the URL to paste, the
// number typed as staff copy it, the Auth Token never rendered back. Desktop and 390×844 shots.

const screenshots = path.resolve(import.meta.dirname, 'screenshots');
const slug = demoTenant.slug;
const authToken = 'c0ffee1234567890c0ffee1234567890';
let test: TestDatabase;
let app: RunningApp;
let browser: Browser;
let page: Page;

async function shot(name: string): Promise<void> {
  const card = page.getByTestId('channel-twilio');
  for (const [viewport, width, height] of [
    ['desktop', 1280, 900],
    ['phone', 390, 844],
  ] as const) {
    await page.setViewportSize({ width, height });
    await card.screenshot({ path: path.join(screenshots, `twilio-${name}-${viewport}.png`) });
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scroll, `${name} is wider than the ${viewport}`).toBeLessThanOrEqual(width);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  test = await createTestDatabase({ installAsAppDb: false });
  const key = getEnv().ENCRYPTION_KEY!;
  await seedDemoTenant(test.db, { appMode: 'local', encryptionKey: key });
  ({ app, browser, page } = await openLocalDashboard(test, key));
});
afterAll(async () => {
  await browser?.close();
  app?.stop();
  await test?.drop();
});

describe('Twilio connection form in the browser', () => {
  it('connects with Twilio’s fields and shows what to paste into Twilio', async () => {
    await signInLocally(page, app.baseUrl, slug, demoTenant.ownerEmail);
    await page.goto(`${app.baseUrl}/t/${slug}/channels`);
    const card = page.getByTestId('channel-twilio');
    await card.getByText('Conectar / editar').click();
    await expect(card.getByLabel('Token de acceso').count()).resolves.toBe(0);
    await card.getByLabel('Account SID de Twilio').fill('AC5ef8732a3c49700934481addd5ce1659');
    await card.getByLabel('Auth Token de Twilio').fill(authToken);
    await card
      .getByLabel('Número de WhatsApp que responde, o Messaging Service SID')
      .fill('+52 55 1234 5678');
    await shot('form');
    await card.getByRole('button', { name: 'Guardar' }).click();
    await card.getByTestId('form-notice').waitFor();
    expect(await card.getByTestId('form-notice').textContent()).toContain('Guardado');
    await page.reload();
    const saved = page.getByTestId('channel-twilio');
    await expect(saved.getByText('whatsapp:+525512345678').isVisible()).resolves.toBe(true);
    await expect(saved.getByText(`/api/webhook/twilio/${slug}`).isVisible()).resolves.toBe(true);
    await expect(page.getByTestId('twilio-webhook-secret').textContent()).resolves.toBe('••••7890');
    expect(await page.content()).not.toContain(authToken);
    await saved.getByText('Conectar / editar').click();
    await shot('saved');
  });
});

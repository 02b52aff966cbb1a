import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getEnv } from '@/src/env';
import { demoTenant } from '@/src/tenants/demo-tenant';
import { seedDemoTenant } from '@/src/tenants/seed-demo-tenant';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { buildApp, type RunningApp, startApp } from './dashboard-app';
import { launchChromium } from './launch-chromium';

// On a 390×844 phone the bar keeps daily work and puts set-up pages behind "Más"; the menu opens
// on screen, leads to the page and closes.

const slug = demoTenant.slug;
const screenshots = path.resolve(import.meta.dirname, 'screenshots');
let test: TestDatabase;
let app: RunningApp;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  test = await createTestDatabase({ installAsAppDb: false });
  const key = getEnv().ENCRYPTION_KEY!;
  await seedDemoTenant(test.db, { appMode: 'local', encryptionKey: key });
  buildApp();
  app = await startApp({
    APP_MODE: 'local',
    DATABASE_URL: test.url,
    ENCRYPTION_KEY: key,
    CRON_SECRET: randomBytes(24).toString('hex'),
  });
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'es-MX' });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  app?.stop();
  await test?.drop();
});

describe('navigation on a phone', () => {
  it('shows daily work, opens "Más" on screen and goes to a set-up page', async () => {
    await page.goto(`${app.baseUrl}/t/${slug}`);
    await page.waitForURL(/\/login$/);
    await page.getByLabel('Correo electrónico').fill(demoTenant.ownerEmail);
    await page.getByRole('button', { name: 'Entrar como este miembro' }).click();
    await page.waitForURL(new RegExp(`/t/${slug}$`));
    const nav = page.getByRole('navigation', { name: 'Navegación principal' });
    for (const name of ['Resumen', 'Bandeja', 'Prospectos', 'Agenda', 'Avisos']) {
      await expect(nav.getByRole('link', { name, exact: true }).isVisible()).resolves.toBe(true);
    }
    await expect(nav.getByRole('link', { name: 'Plantillas' }).count()).resolves.toBe(0);
    await page.screenshot({ path: path.join(screenshots, 'phone-nav-01-closed.png') });

    await nav.getByText('Más').click();
    const templates = nav.getByRole('link', { name: 'Plantillas' });
    await templates.waitFor();
    const box = await templates.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
    await page.screenshot({ path: path.join(screenshots, 'phone-nav-02-open.png') });

    await templates.click();
    await page.waitForURL(new RegExp(`/t/${slug}/templates$`));
    await page.getByRole('heading', { name: 'Plantillas de mensaje' }).waitFor();
    await expect(nav.getByRole('link', { name: 'Plantillas' }).count()).resolves.toBe(0);
    await page.screenshot({ path: path.join(screenshots, 'phone-nav-03-followed.png') });
  });
});

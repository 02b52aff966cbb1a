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

// Importing contacts in headless Chromium: from the customers page, pick the previous provider's
// export, see the preview and the guessed columns, check without saving (nothing written), then
// import. Screenshots (desktop and a 390×844 phone) in tests/e2e/screenshots/.

const screenshots = path.resolve(import.meta.dirname, 'screenshots');
const fixture = path.resolve(import.meta.dirname, '../fixtures/contacts/vambe-export.csv');
const slug = demoTenant.slug;
let test: TestDatabase;
let app: RunningApp;
let browser: Browser;
let page: Page;
let cspViolations: string[];

async function shot(name: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({
    path: path.join(screenshots, `contact-import-${name}-desktop.png`),
    fullPage: true,
  });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: path.join(screenshots, `contact-import-${name}-phone.png`), fullPage: true });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${name} fits a 390 px phone`).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function importedLeads(): Promise<number> {
  const { rows } = await test.pool.query(
    "select count(*)::int as n from leads where import_origin ->> 'file_name' = 'vambe-export.csv'",
  );
  return rows[0].n;
}

beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  test = await createTestDatabase({ installAsAppDb: false });
  const key = getEnv().ENCRYPTION_KEY!;
  await seedDemoTenant(test.db, { appMode: 'local', encryptionKey: key });
  ({ app, browser, page, cspViolations } = await openLocalDashboard(test, key));
});

afterAll(async () => {
  await browser?.close();
  app?.stop();
  await test?.drop();
});

describe('importing contacts in the browser', () => {
  it('previews, maps, checks without saving, then imports', async () => {
    await signInLocally(page, app.baseUrl, slug, demoTenant.ownerEmail);
    await page.goto(`${app.baseUrl}/t/${slug}/leads`);
    await page.getByRole('link', { name: 'Importar contactos' }).click();
    await page.waitForURL(/\/leads\/import$/);

    await page.getByLabel('Archivo CSV').setInputFiles(fixture);
    await page.getByText('Primeras 5 de 7 filas').waitFor();
    // The previous provider's headers are recognised.
    await expect.poll(() => page.getByRole('combobox', { name: 'phone' }).inputValue()).toBe('phone');
    expect(await page.getByRole('combobox', { name: 'instagram_username' }).inputValue()).toBe('instagram');
    expect(await page.getByRole('combobox', { name: 'vambe_contact_id' }).inputValue()).toBe(
      'vambe_contact_id',
    );
    await shot('preview');

    await page.getByRole('button', { name: 'Revisar sin guardar' }).click();
    await page.getByRole('heading', { name: 'Así quedaría' }).waitFor();
    await page.getByText('Fila 8: el teléfono no parece válido').waitFor();
    expect(await importedLeads()).toBe(0);
    await shot('dry-run');

    await page.getByRole('button', { name: 'Importar 4 contactos' }).click();
    await page.getByRole('heading', { name: 'Listo: contactos importados' }).waitFor();
    expect(await importedLeads()).toBe(4);
    await shot('done');

    await page.getByRole('link', { name: 'Ver clientes' }).click();
    await page.getByText('María José Núñez').first().waitFor();
    expect(cspViolations).toEqual([]);
  });
});

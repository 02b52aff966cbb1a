import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getEnv } from '@/src/env';
import { demoTenant } from '@/src/tenants/demo-tenant';
import { seedDemoTenant } from '@/src/tenants/seed-demo-tenant';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { axeViolations } from './axe-audit';
import { watchCspViolations } from './csp-watch';
import { buildApp, type RunningApp, startApp } from './dashboard-app';
import { launchChromium } from './launch-chromium';

// Finding things in the inbox, in headless Chromium against the built app: a search without
// accents or case finds "¿Cuánto cuesta la LIMPIEZA?", and "Ver más" pages past the first 50
// conversations. Screenshots (desktop and a 390×844 phone) land in tests/e2e/screenshots/.

const screenshots = path.resolve(import.meta.dirname, 'screenshots');
const slug = demoTenant.slug;
const extra = 70;
let test: TestDatabase;
let app: RunningApp;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let cspViolations: string[];

async function shot(name: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: path.join(screenshots, `inbox-search-${name}-desktop.png`), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: path.join(screenshots, `inbox-search-${name}-phone.png`), fullPage: true });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${name} fits a 390 px phone`).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1280, height: 900 });
}

beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  test = await createTestDatabase({ installAsAppDb: false });
  const key = getEnv().ENCRYPTION_KEY!;
  await seedDemoTenant(test.db, { appMode: 'local', encryptionKey: key });
  const tenant = (await test.pool.query('select id from tenants where slug = $1', [slug])).rows[0].id;
  // Many more conversations than one page holds, and one that asks the price of a cleaning.
  await test.pool.query(
    `with l as (
       insert into leads (tenant_id, origin_channel, name, last_message_at)
       select $1, 'whatsapp', case g when 1 then 'Rocío Búsqueda' else 'Cliente ' || g end,
         now() - g * interval '1 hour'
       from generate_series(1, $2) g returning id, name, last_message_at),
     c as (
       insert into conversations (tenant_id, lead_id, channel, last_message_at, last_inbound_at)
       select $1, l.id, 'whatsapp', l.last_message_at, l.last_message_at from l returning id, lead_id, last_message_at)
     insert into messages (tenant_id, conversation_id, lead_id, channel, direction, sender, text, created_at)
     select $1, c.id, c.lead_id, 'whatsapp', 'inbound', 'lead',
       case when l.name = 'Rocío Búsqueda' then '¿Cuánto cuesta la LIMPIEZA?' else 'Hola, una consulta' end,
       c.last_message_at
     from c join l on l.id = c.lead_id`,
    [tenant, extra],
  );
  buildApp();
  app = await startApp({
    APP_MODE: 'local',
    DATABASE_URL: test.url,
    ENCRYPTION_KEY: key,
    CRON_SECRET: randomBytes(24).toString('hex'),
  });
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'es-MX' });
  page = await context.newPage();
  cspViolations = await watchCspViolations(page);
});

afterAll(async () => {
  await browser?.close();
  app?.stop();
  await test?.drop();
});

describe('inbox search in the browser', () => {
  it('finds "¿Cuánto cuesta la LIMPIEZA?" by typing "limpieza"', async () => {
    await page.goto(`${app.baseUrl}/t/${slug}/inbox`);
    await page.waitForURL(/\/login$/);
    await page.getByLabel('Correo electrónico').fill(demoTenant.ownerEmail);
    await page.getByRole('button', { name: 'Entrar como este miembro' }).click();
    await page.waitForURL(new RegExp(`/t/${slug}`));
    await page.goto(`${app.baseUrl}/t/${slug}/inbox`);
    await page.getByLabel('Buscar en las conversaciones').fill('limpieza');
    await page.getByRole('button', { name: 'Buscar y filtrar' }).click();
    await page.waitForURL(/q=limpieza/);
    // Only her conversation matches; the matching message is its last one, shown as such (the
    // separate "Coincide:" line appears only when the match is an older message).
    await expect(page.getByTestId('inbox-item').count()).resolves.toBe(1);
    const hit = page.getByTestId('inbox-item').filter({ hasText: 'Rocío Búsqueda' });
    await expect(hit.textContent()).resolves.toContain('¿Cuánto cuesta la LIMPIEZA?');
    await shot('results');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('pages past the first 50 conversations with "Ver más", each shown once', async () => {
    await page.goto(`${app.baseUrl}/t/${slug}/inbox?status=all`);
    const first = await page
      .getByTestId('inbox-item')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(first.length).toBe(50);
    await page.getByRole('link', { name: 'Ver más' }).click();
    await page.waitForURL(/after=/);
    const second = await page
      .getByTestId('inbox-item')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(first.length + second.length).toBeGreaterThanOrEqual(extra);
    expect(second.filter((href) => first.includes(href))).toEqual([]);
    await expect(page.getByRole('link', { name: 'Volver al principio' }).isVisible()).resolves.toBe(true);
    await expect(page.getByTestId('download-csv').getAttribute('href')).resolves.toBe(
      `/api/t/${slug}/export/conversations?status=all`,
    );
    await shot('page-two');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('the CSV download answers the signed-in member with a spreadsheet', async () => {
    const response = await page.request.get(`${app.baseUrl}/api/t/${slug}/export/leads?q=limpieza`);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('text/csv; charset=utf-8');
    expect(await response.text()).toContain('Rocío Búsqueda');
  });

  it('speaks English too, and passes axe there', async () => {
    await context.addCookies([{ name: 'inbox_lang', value: 'en', url: app.baseUrl }]);
    await page.goto(`${app.baseUrl}/t/${slug}/leads?q=limpieza`);
    await expect(page.getByLabel('Search leads').inputValue()).resolves.toBe('limpieza');
    await expect(page.getByRole('link', { name: 'Rocío Búsqueda' }).isVisible()).resolves.toBe(true);
    await shot('leads-en');
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(`${app.baseUrl}/t/${slug}/inbox?status=all`);
    await expect(page.getByRole('link', { name: 'Show more' }).isVisible()).resolves.toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await context.clearCookies({ name: 'inbox_lang' });
  });

  it('broke no content security rule', () => {
    expect(cspViolations).toEqual([]);
  });
});

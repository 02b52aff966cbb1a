import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getEnv } from '@/src/env';
import { demoTenant } from '@/src/tenants/demo-tenant';
import { seedDemoTenant } from '@/src/tenants/seed-demo-tenant';
import { type FakePlatforms, startFakePlatforms } from '../support/fake-platforms/fake-platform-server';
import { sampleWorld } from '../support/fake-platforms/sample-world';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { axeViolations } from './axe-audit';
import { isNonceScriptSrc, scriptSrc, watchCspViolations } from './csp-watch';
import { buildApp, type RunningApp, startApp } from './dashboard-app';
import { fakeFacebookPages } from './fake-facebook-sdk';
import { launchChromium } from './launch-chromium';

// Connecting channels through the platform's apps in Chromium: Embedded Signup with a fake
// Facebook SDK and dialog, Facebook pages + Instagram, TikTok OAuth through a fake authorize
// page, and a manual save refused because the token does not own the page. Graph and TikTok
// are the loopback fake; screenshots (desktop and 390×844) go to tests/e2e/screenshots/.

const screenshots = path.resolve(import.meta.dirname, 'screenshots');
const slug = demoTenant.slug;
let test: TestDatabase;
let fake: FakePlatforms;
let app: RunningApp;
let browser: Browser;
let page: Page;
const browserLog: string[] = [];
let cspViolations: string[];

async function shot(name: string, target: Page = page): Promise<void> {
  await target.screenshot({ path: path.join(screenshots, `${name}.png`), fullPage: true });
}

async function row(channel: string) {
  const { rows } = await test.pool.query(
    'select mode, app_kind, phone_number_id, page_id, instagram_account_id, tiktok_business_id, webhook_secret_encrypted from channel_connections where channel = $1 and tenant_id = (select id from tenants where slug = $2)',
    [channel, slug],
  );
  return rows[0];
}

beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  const world = sampleWorld();
  let origin = '';
  fake = await startFakePlatforms(
    world,
    fakeFacebookPages(() => origin),
  );
  origin = fake.baseUrl;
  test = await createTestDatabase({ installAsAppDb: false });
  const key = getEnv().ENCRYPTION_KEY!;
  await seedDemoTenant(test.db, { appMode: 'local', encryptionKey: key });
  buildApp();
  app = await startApp({
    APP_MODE: 'local',
    DATABASE_URL: test.url,
    ENCRYPTION_KEY: key,
    CRON_SECRET: randomBytes(24).toString('hex'),
    META_APP_ID: world.meta.appId,
    META_APP_SECRET: world.meta.appSecret,
    META_ES_CONFIG_ID: 'es-config-e2e',
    META_VERIFY_TOKEN: 'platform-verify-token-e2e',
    FACEBOOK_SDK_URL: `${fake.baseUrl}/sdk.js`,
    GRAPH_API_BASE_URL: fake.baseUrl,
    INSTAGRAM_API_BASE_URL: fake.baseUrl,
    TIKTOK_API_BASE_URL: fake.baseUrl,
    TIKTOK_CLIENT_KEY: world.tiktok.clientKey,
    TIKTOK_CLIENT_SECRET: world.tiktok.clientSecret,
    TIKTOK_AUTH_URL: `${fake.baseUrl}/tiktok-authorize`,
  });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'es-MX' });
  page.on('console', (message) => browserLog.push(`${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => browserLog.push(`pageerror: ${error.message}`));
  cspViolations = await watchCspViolations(page);
});

afterAll(async () => {
  await browser?.close();
  app?.stop();
  await fake?.close();
  await test?.drop();
});

describe('connecting channels through the platform apps', () => {
  it('signs in and offers the self-serve flows', async () => {
    await page.goto(`${app.baseUrl}/login`);
    await page.getByLabel('Correo electrónico').fill(demoTenant.ownerEmail);
    await page.getByRole('button', { name: 'Entrar como este miembro' }).click();
    await page.waitForURL(new RegExp(`/t/${slug}$`));
    const channels = await page.goto(`${app.baseUrl}/t/${slug}/channels`);
    // The Facebook SDK has no nonce of its own: our nonce'd code appends it ('strict-dynamic').
    expect(isNonceScriptSrc(scriptSrc(channels)), scriptSrc(channels)).toBe(true);
    await expect(page.getByRole('heading', { name: 'Conectar en unos clics' }).isVisible()).resolves.toBe(
      true,
    );
    await shot('20-self-serve');
  });

  it('connects WhatsApp with Embedded Signup: the popup, the PIN, the number live on the platform app', async () => {
    const panel = page.getByTestId('connect-whatsapp');
    await panel.getByLabel('PIN de 6 dígitos del número').fill('246810');
    const [popup] = await Promise.all([
      page.waitForEvent('popup', { timeout: 10_000 }).catch((error) => {
        throw new Error(`${error}\n${browserLog.join('\n')}`);
      }),
      panel.getByRole('button', { name: 'Conectar WhatsApp' }).click(),
    ]);
    await popup.getByRole('button', { name: 'Continuar' }).waitFor();
    await shot('21-fake-facebook-dialog', popup);
    await popup.getByRole('button', { name: 'Continuar' }).click();
    await panel
      .getByTestId('form-notice')
      .waitFor({ timeout: 20_000 })
      .catch((error) => {
        throw new Error(`${error}\n${app.output.join('').slice(-3000)}`);
      });
    expect(await panel.getByTestId('form-notice').textContent()).toBe(
      'Listo: Tacos El Gordo quedó conectado y en vivo.',
    );
    expect(fake.record.registered).toEqual([{ phoneNumberId: '106540352242922', pin: '246810' }]);
    expect(await row('whatsapp')).toMatchObject({
      mode: 'live',
      app_kind: 'platform',
      webhook_secret_encrypted: null,
    });
    await page.reload();
    const card = page.getByTestId('channel-whatsapp');
    await expect(card.getByText(`${app.baseUrl}/api/webhook/meta`).isVisible()).resolves.toBe(true);
    await expect(card.getByText('platform-verify-token-e2e').isVisible()).resolves.toBe(true);
    await expect(card.getByText('App de la plataforma', { exact: true }).isVisible()).resolves.toBe(true);
    await shot('22-whatsapp-connected');
  });

  it('says in Spanish what to do when the Facebook window is cancelled', async () => {
    const panel = page.getByTestId('connect-whatsapp');
    await panel.getByLabel('PIN de 6 dígitos del número').fill('246810');
    const [popup] = await Promise.all([
      page.waitForEvent('popup'),
      panel.getByRole('button', { name: 'Conectar WhatsApp' }).click(),
    ]);
    await popup.getByRole('button', { name: 'Cancelar' }).click();
    await panel.getByTestId('form-error').waitFor();
    expect(await panel.getByTestId('form-error').textContent()).toContain('Vuelve a pulsar el botón');
  });

  it('connects the Facebook page and its Instagram account', async () => {
    const panel = page.getByTestId('connect-pages');
    const [popup] = await Promise.all([
      page.waitForEvent('popup'),
      panel.getByRole('button', { name: 'Elegir mi página de Facebook' }).click(),
    ]);
    await popup.getByRole('button', { name: 'Continuar como Ana' }).click();
    await panel.getByText('con Instagram @tacoselgordo').waitFor();
    await shot('23-pick-page');
    await panel.getByRole('button', { name: 'Conectar esta página' }).click();
    await panel.getByTestId('form-notice').waitFor();
    expect(await panel.getByTestId('form-notice').textContent()).toContain('@tacoselgordo');
    expect(await row('facebook')).toMatchObject({ mode: 'live', app_kind: 'platform', page_id: '555000111' });
    expect(await row('instagram')).toMatchObject({ instagram_account_id: '17841400000000111' });
  });

  it('connects TikTok through OAuth and comes back to the channels page', async () => {
    await page.getByTestId('connect-tiktok').getByRole('link', { name: 'Conectar TikTok' }).click();
    await page.getByRole('link', { name: 'Autorizar' }).click();
    await page.waitForURL(/\/channels\?/);
    await expect(page.getByTestId('connect-notice').textContent()).resolves.toBe(
      'Listo: TikTok quedó conectado y en vivo.',
    );
    await expect(page.getByTestId('channel-tiktok').getByText('TacosGordo').isVisible()).resolves.toBe(true);
    expect(await row('tiktok')).toMatchObject({
      mode: 'live',
      app_kind: 'platform',
      tiktok_business_id: 'tt-business-tacos',
    });
    await shot('24-tiktok-connected');
  });

  it('refuses a manual save whose token does not own the page, explaining why', async () => {
    await page.goto(`${app.baseUrl}/t/${slug}/channels`);
    const card = page.getByTestId('channel-facebook');
    await card.getByText('Conectar / editar').click();
    await card.getByLabel('ID de la página de Facebook').fill('555000999');
    await card.getByLabel('Token de acceso').fill('EAAB-page-token-tacos');
    await card.getByRole('button', { name: 'Guardar' }).click();
    await card.getByTestId('form-error').waitFor();
    expect(await card.getByTestId('form-error').textContent()).toContain(
      'ese token no tiene acceso a esa cuenta',
    );
    expect(await row('facebook')).toMatchObject({ page_id: '555000111' });
    await shot('25-manual-refused');
  });

  it('passes axe-core’s WCAG 2.2 A/AA checks with the self-serve panel and a page list open', async () => {
    await page.goto(`${app.baseUrl}/t/${slug}/channels`);
    const [popup] = await Promise.all([
      page.waitForEvent('popup'),
      page.getByTestId('connect-pages').getByRole('button', { name: 'Elegir mi página de Facebook' }).click(),
    ]);
    await popup.getByRole('button', { name: 'Continuar como Ana' }).click();
    await page.getByTestId('connect-pages').getByText('Tacos El Gordo').waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });

  it('works on a phone', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'es-MX' });
    await phone.context().addCookies(await page.context().cookies());
    await phone.goto(`${app.baseUrl}/t/${slug}/channels`);
    await phone.getByRole('heading', { name: 'Conectar en unos clics' }).waitFor();
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot('26-channels-phone', phone);
    await phone.screenshot({ path: path.join(screenshots, '27-channels-phone-first-screen.png') });
    await phone
      .getByTestId('channel-whatsapp')
      .screenshot({ path: path.join(screenshots, '28-whatsapp-card-phone.png') });
    await phone.close();
  });

  it('the browser reported no CSP violation on any page', () => {
    expect(cspViolations).toEqual([]);
  });
});

import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getEnv } from '@/src/env';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { axeViolations } from './axe-audit';
import { isNonceScriptSrc, scriptSrc, watchCspViolations } from './csp-watch';
import { buildApp, type RunningApp, startApp } from './dashboard-app';
import { launchChromium } from './launch-chromium';

// Sign-up and the team page in headless Chromium against the built app in local mode:
// sign up → onboarding checklist → invite a person → the link and the pending invitation; the
// pages carry the security headers. Screenshots (desktop and a 390×844 phone) land in
// tests/e2e/screenshots/ to be looked at.

const screenshots = path.resolve(import.meta.dirname, 'screenshots');
let test: TestDatabase;
let app: RunningApp;
let browser: Browser;
let page: Page;
let inviteLink = '';
let cspViolations: string[];

async function shot(name: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: path.join(screenshots, `accounts-${name}-desktop.png`), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: path.join(screenshots, `accounts-${name}-phone.png`), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
}

beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  test = await createTestDatabase({ installAsAppDb: false });
  buildApp();
  app = await startApp({
    APP_MODE: 'local',
    DATABASE_URL: test.url,
    ENCRYPTION_KEY: getEnv().ENCRYPTION_KEY!,
    CRON_SECRET: randomBytes(24).toString('hex'),
  });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'es-MX' });
  cspViolations = await watchCspViolations(page);
});

afterAll(async () => {
  await browser?.close();
  app?.stop();
  await test?.drop();
});

describe('accounts in the browser', () => {
  it('signs up a business and lands on the onboarding checklist', async () => {
    const response = await page.goto(`${app.baseUrl}/signup`);
    expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response?.headers()['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(isNonceScriptSrc(scriptSrc(response)), scriptSrc(response)).toBe(true);
    // Installable on a phone: the manifest is linked, served, and its icons load.
    const manifestHref = await page.locator('link[rel="manifest"]').getAttribute('href');
    const manifest = await (await fetch(new URL(manifestHref!, app.baseUrl))).json();
    expect(manifest).toMatchObject({ name: 'Inbox AI', display: 'standalone', start_url: '/t' });
    for (const icon of manifest.icons as { src: string; type: string }[]) {
      const served = await fetch(new URL(icon.src, app.baseUrl));
      expect([served.status, served.headers.get('content-type')]).toEqual([200, icon.type]);
    }
    expect(await page.locator('link[rel="icon"]').count()).toBeGreaterThan(0);
    await page.getByLabel('Correo electrónico').fill('duena@panaderia-rosa.mx');
    await page.getByLabel('Nombre del negocio').fill('Panadería Rosa');
    await expect(page.getByLabel('Dirección en el panel').inputValue()).resolves.toBe('panaderia-rosa');
    await page.getByLabel('País').selectOption('CO');
    await expect(page.getByLabel('Zona horaria').inputValue()).resolves.toBe('America/Bogota');
    expect(await axeViolations(page)).toEqual([]);
    await shot('01-signup');
    await page.getByRole('button', { name: 'Crear cuenta y negocio' }).click();
    await page.waitForURL(/\/t\/panaderia-rosa\/welcome$/);
    await expect(page.getByTestId('onboarding-step').count()).resolves.toBe(4);
    expect(await axeViolations(page)).toEqual([]);
    await shot('02-welcome');
  });

  it('invites a person from the team page and shows the pending invitation', async () => {
    await page.goto(`${app.baseUrl}/t/panaderia-rosa/team`);
    await page.getByLabel('Correo electrónico').fill('cajero@panaderia-rosa.mx');
    await page.getByLabel('Rol', { exact: true }).selectOption('agent');
    await page.getByRole('button', { name: 'Invitar' }).click();
    const notice = page.getByTestId('form-notice');
    await notice.waitFor();
    inviteLink = (await notice.textContent())?.match(/http\S+\/invite\/[\w-]{43}/)?.[0] ?? '';
    expect(inviteLink).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
    await page.reload();
    await expect(page.getByTestId('pending-invitation').count()).resolves.toBe(1);
    await expect(page.getByTestId('team-member').count()).resolves.toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await shot('03-team');
    // The only owner cannot remove themselves: a Spanish refusal, nothing changes.
    await page.getByTestId('team-member').getByText('Quitar del equipo', { exact: true }).click();
    await page.getByTestId('team-member').getByRole('button', { name: 'Sí, quitar del equipo' }).click();
    await page.getByTestId('team-member').getByTestId('form-error').waitFor();
    expect(await page.getByTestId('team-member').getByTestId('form-error').textContent()).toContain(
      'al menos un propietario',
    );
    await shot('04-team-last-owner');
  });

  it('the invited person opens the link on this computer, signs in locally and accepts', async () => {
    const link = inviteLink;
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'es-MX' });
    const invited = await context.newPage();
    const invitedCspViolations = await watchCspViolations(invited);
    await invited.goto(link);
    await invited.getByRole('link', { name: 'Ir a iniciar sesión' }).click();
    await invited.getByLabel('Correo electrónico').fill('cajero@panaderia-rosa.mx');
    await invited.getByRole('button', { name: 'Entrar como este miembro' }).click();
    await invited.waitForURL((url) => url.pathname === new URL(link).pathname);
    await invited.getByRole('button', { name: 'Aceptar y entrar' }).click();
    await invited.waitForURL(/\/t\/panaderia-rosa$/);
    expect(invitedCspViolations).toEqual([]);
    await context.close();
    await page.reload();
    await expect(page.getByTestId('team-member').count()).resolves.toBe(2);
    await expect(page.getByTestId('pending-invitation').count()).resolves.toBe(0);
  });

  it('the browser reported no CSP violation on any page', () => {
    expect(cspViolations).toEqual([]);
  });

  it('refuses injected markup that runs script (an inline handler), and reports it', async () => {
    // The classic DOM XSS: 'unsafe-inline' ran this handler; the nonce CSP does not.
    await page.goto(`${app.baseUrl}/login`);
    await page.evaluate(() =>
      document.body.insertAdjacentHTML(
        'beforeend',
        '<img alt="" src="data:," onerror="window.__injected = true">',
      ),
    );
    await expect.poll(() => cspViolations.length).toBeGreaterThan(0);
    expect(await page.evaluate(() => '__injected' in window)).toBe(false);
    expect(cspViolations.join('\n')).toContain('script-src');
  });
});

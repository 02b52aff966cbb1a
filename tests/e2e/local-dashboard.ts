import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import type { TestDatabase } from '../support/test-database';
import { watchCspViolations } from './csp-watch';
import { buildApp, type RunningApp, startApp } from './dashboard-app';
import { launchChromium } from './launch-chromium';

// The built dashboard in local mode on a test database, with one desktop Spanish page whose CSP
// refusals are collected: what most browser tests start from.

export type LocalDashboard = { app: RunningApp; browser: Browser; page: Page; cspViolations: string[] };

export async function openLocalDashboard(test: TestDatabase, encryptionKey: string): Promise<LocalDashboard> {
  buildApp();
  const app = await startApp({
    APP_MODE: 'local',
    DATABASE_URL: test.url,
    ENCRYPTION_KEY: encryptionKey,
    CRON_SECRET: randomBytes(24).toString('hex'),
  });
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'es-MX' });
  const cspViolations = await watchCspViolations(page);
  return { app, browser, page, cspViolations };
}

/** Signs in on the local login page (no password in local mode) and lands on the business. */
export async function signInLocally(page: Page, baseUrl: string, slug: string, email: string): Promise<void> {
  await page.goto(`${baseUrl}/t/${slug}`);
  await page.waitForURL(/\/login$/);
  await page.getByLabel('Correo electrónico').fill(email);
  await page.getByRole('button', { name: 'Entrar como este miembro' }).click();
  await page.waitForURL(new RegExp(`/t/${slug}$`));
}

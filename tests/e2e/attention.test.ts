import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getEnv } from '@/src/env';
import { demoTenant } from '@/src/tenants/demo-tenant';
import { seedDemoTenant } from '@/src/tenants/seed-demo-tenant';
import { seedInbox } from '../dashboard/seed-inbox';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { axeViolations } from './axe-audit';
import { watchCspViolations } from './csp-watch';
import { buildApp, type RunningApp, startApp } from './dashboard-app';
import { launchChromium } from './launch-chromium';

// Attention in headless Chromium against the built app in local mode (the pages poll): unread
// counts in the inbox and the navigation, cleared when the conversation is opened; an escalation
// that arrives while the inbox is open shows a browser notification (permission granted to the
// context; the Notification constructor is recorded by an init script) and the count of
// conversations waiting for a person; the "Avisos" page. Screenshots: desktop and 390×844.

const screenshots = path.resolve(import.meta.dirname, 'screenshots');
const slug = demoTenant.slug;
let test: TestDatabase;
let app: RunningApp;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let cspViolations: string[];

async function shot(name: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: path.join(screenshots, `attention-${name}-desktop.png`), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: path.join(screenshots, `attention-${name}-phone.png`), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
}

const nav = () => page.getByRole('navigation', { name: 'Navegación principal' });

async function notices(): Promise<{ title: string; body?: string }[]> {
  return page.evaluate(
    () => (window as unknown as { __notices: { title: string; body?: string }[] }).__notices,
  );
}

beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  test = await createTestDatabase({ installAsAppDb: false });
  const key = getEnv().ENCRYPTION_KEY!;
  await seedDemoTenant(test.db, { appMode: 'local', encryptionKey: key });
  // Two customers wrote in (the demo seed has no conversations).
  const { rows } = await test.pool.query('select id from tenants where slug = $1', [slug]);
  await seedInbox(test, rows[0].id, { name: 'Carla Méndez', text: '¿Cuánto cuesta una limpieza?' });
  await seedInbox(test, rows[0].id, { name: 'Daniel Ortiz', text: '¿Tienen cita mañana?' });
  buildApp();
  app = await startApp({
    APP_MODE: 'local',
    DATABASE_URL: test.url,
    ENCRYPTION_KEY: key,
    CRON_SECRET: randomBytes(24).toString('hex'),
  });
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'es-MX' });
  await context.grantPermissions(['notifications'], { origin: app.baseUrl });
  await context.addInitScript(() => {
    const Real = window.Notification;
    const seen: { title: string; body?: string }[] = [];
    const Recorded = function (this: unknown, title: string, options?: NotificationOptions) {
      seen.push({ title, body: options?.body });
      try {
        return new Real(title, options);
      } catch {
        return {};
      }
    } as unknown as typeof Notification;
    Object.defineProperty(Recorded, 'permission', { get: () => Real.permission });
    Object.defineProperty(Recorded, 'requestPermission', { value: () => Real.requestPermission() });
    Object.defineProperty(window, 'Notification', { value: Recorded, configurable: true, writable: true });
    Object.defineProperty(window, '__notices', { value: seen });
  });
  page = await context.newPage();
  cspViolations = await watchCspViolations(page);
});

afterAll(async () => {
  await browser?.close();
  app?.stop();
  await test?.drop();
});

describe('attention in the browser', () => {
  it('shows unread counts in the inbox and the navigation', async () => {
    await page.goto(`${app.baseUrl}/t/${slug}/inbox`);
    await page.waitForURL(/\/login$/);
    await page.getByLabel('Correo electrónico').fill(demoTenant.ownerEmail);
    await page.getByRole('button', { name: 'Entrar como este miembro' }).click();
    await page.waitForURL(new RegExp(`/t/${slug}$`));
    await page.goto(`${app.baseUrl}/t/${slug}/inbox`);
    await page.getByRole('heading', { name: 'Bandeja de entrada' }).waitFor();
    await expect(page.getByTestId('unread-count').count()).resolves.toBeGreaterThan(0);
    const inboxLink = nav().getByRole('link', { name: /Bandeja/ });
    await expect(inboxLink.textContent()).resolves.toMatch(/\d+ sin leer/);
    await expect(inboxLink.getByText(/mensajes? sin leer/).count()).resolves.toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await shot('01-inbox-unread');
  });

  it('opening a conversation clears its count', async () => {
    const item = page
      .getByTestId('inbox-item')
      .filter({ has: page.getByTestId('unread-count') })
      .first();
    const name = (await item.locator('span').first().textContent()) ?? '';
    await item.click();
    await page.waitForURL(/\/inbox\/[0-9a-f-]{36}$/);
    await page.goto(`${app.baseUrl}/t/${slug}/inbox`);
    const again = page.getByTestId('inbox-item').filter({ hasText: name });
    await expect(again.getByTestId('unread-count').count()).resolves.toBe(0);
  });

  it('an escalation while the inbox is open rings a browser notification and counts in the navigation', async () => {
    const { rows } = await test.pool.query(
      `select c.id, c.lead_id, c.tenant_id, c.channel from conversations c join tenants t on t.id = c.tenant_id
       where t.slug = $1 and c.status in ('active', 'pending') and c.escalated_at is null
       order by c.created_at limit 1`,
      [slug],
    );
    const conversation = rows[0];
    expect(conversation).toBeDefined();
    await page.waitForTimeout(500);
    const before = await nav().getByTestId('nav-badge').allTextContents();
    await test.pool.query(
      `insert into messages (tenant_id, conversation_id, lead_id, channel, direction, sender, text)
       values ($1, $2, $3, $4, 'inbound', 'lead', 'Quiero hablar con una persona')`,
      [conversation.tenant_id, conversation.id, conversation.lead_id, conversation.channel],
    );
    await test.pool.query(
      `update conversations set escalated_at = now(), escalation_reason = 'keyword: persona',
         handled_by = 'human', status = 'pending', last_inbound_at = now(), last_message_at = now()
       where id = $1`,
      [conversation.id],
    );
    await expect
      .poll(async () => (await notices()).map((notice) => notice.title), { timeout: 20_000 })
      .toContain('Una conversación necesita a una persona');
    const notice = (await notices()).find((n) => n.title === 'Una conversación necesita a una persona');
    expect(notice?.body).not.toContain('persona con una');
    expect(notice?.body).toContain(demoTenant.name);
    await expect
      .poll(async () => (await nav().getByTestId('nav-badge').allTextContents()).join(' '), {
        timeout: 20_000,
      })
      .toMatch(/\d+ esperan?/);
    expect(before.join(' ')).not.toEqual((await nav().getByTestId('nav-badge').allTextContents()).join(' '));
    const escalated = page.getByTestId('inbox-item').filter({ hasText: 'Necesita a una persona' });
    await expect(escalated.count()).resolves.toBeGreaterThan(0);
    await shot('02-escalation');
  });

  it('the Avisos page explains, shows the permission, and saves the choices', async () => {
    await nav().getByRole('link', { name: 'Avisos' }).click();
    await page.waitForURL(/\/notifications$/);
    await page.getByRole('heading', { name: 'Avisos', level: 1 }).waitFor();
    await expect(page.getByText('nunca el mensaje del cliente ni su teléfono').count()).resolves.toBe(1);
    await page.getByTestId('notifications-enabled').waitFor();
    await page.getByLabel('Sonido cuando llega un aviso con el panel abierto').uncheck();
    await page.getByRole('button', { name: 'Guardar' }).click();
    await expect(page.getByTestId('form-notice').textContent()).resolves.toContain('Guardado');
    const { rows } = await test.pool.query(
      `select p.push_enabled, p.email_enabled, p.sound_enabled from notification_preferences p
       join auth.users u on u.id = p.user_id where u.email = $1`,
      [demoTenant.ownerEmail],
    );
    expect(rows).toEqual([{ push_enabled: true, email_enabled: true, sound_enabled: false }]);
    expect(await axeViolations(page)).toEqual([]);
    await shot('03-avisos');
  });

  it('passes axe in English too, and no page broke the CSP', async () => {
    await page.getByRole('button', { name: 'en', exact: true }).click();
    await page.getByRole('heading', { name: 'Notifications', level: 1 }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await shot('04-avisos-english');
    await page.goto(`${app.baseUrl}/t/${slug}/inbox`);
    await page.getByRole('heading', { name: 'Inbox' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'es', exact: true }).click();
    await page.getByRole('heading', { name: 'Bandeja de entrada' }).waitFor();
    expect(cspViolations).toEqual([]);
  });
});

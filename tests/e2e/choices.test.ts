import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getEnv } from '@/src/env';
import { demoTenant } from '@/src/tenants/demo-tenant';
import { seedDemoTenant } from '@/src/tenants/seed-demo-tenant';
import { seedInbox } from '../dashboard/seed-inbox';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { axeViolations } from './axe-audit';
import type { RunningApp } from './dashboard-app';
import { openLocalDashboard, signInLocally } from './local-dashboard';

// Options to tap in the reply box (issue 16 §2) in headless Chromium: "Agregar opciones" with
// one option too long for WhatsApp is refused before anything is queued, naming it; shortened,
// the reply goes out with its buttons; "Enviar menú de servicios" sends the tenant's services as
// a list in one click. Screenshots (desktop and 390×844) in tests/e2e/screenshots/.

const screenshots = path.resolve(import.meta.dirname, 'screenshots');
const slug = demoTenant.slug;
let test: TestDatabase;
let app: RunningApp;
let browser: Browser;
let page: Page;
let conversationId = '';
let tenantId = '';

async function shot(name: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: path.join(screenshots, `choices-${name}-desktop.png`), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: path.join(screenshots, `choices-${name}-phone.png`) });
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function outbound() {
  const { rows } = await test.pool.query(
    "select text, content from messages where conversation_id = $1 and sender = 'human' order by created_at",
    [conversationId],
  );
  return rows;
}

beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  test = await createTestDatabase({ installAsAppDb: false });
  const key = getEnv().ENCRYPTION_KEY!;
  await seedDemoTenant(test.db, { appMode: 'local', encryptionKey: key });
  await test.db.rpc('admin_seed_staff_member', {
    p_tenant_slug: slug,
    p_email: demoTenant.ownerEmail,
    p_role: 'owner',
  });
  tenantId = (await test.pool.query('select id from tenants where slug = $1', [slug])).rows[0].id;
  const seeded = await seedInbox(test, tenantId, {
    name: 'Mariana Ríos',
    text: '¿Qué día tienen libre para una limpieza?',
    escalated: true,
  });
  conversationId = seeded.conversationId;
  ({ app, browser, page } = await openLocalDashboard(test, key));
});

afterAll(async () => {
  await browser?.close();
  app?.stop();
  await test?.drop();
});

describe('options to tap in the reply box', () => {
  it('refuses an option too long for WhatsApp, naming it, and queues nothing', async () => {
    await signInLocally(page, app.baseUrl, slug, demoTenant.ownerEmail);
    await page.goto(`${app.baseUrl}/t/${slug}/inbox/${conversationId}`);
    const reply = page.getByRole('form', { name: 'Responder como persona' });
    await reply.getByLabel('Tu respuesta').fill('Tengo estos horarios el lunes, ¿cuál prefieres?');
    await reply.getByText('Agregar opciones para tocar').click();
    await expect(reply.getByText('Hasta 3 se ven como botones').isVisible()).resolves.toBe(true);
    await reply.getByLabel('Opciones, una por línea').fill('Lunes 10:00\nLunes 16:30 con la doctora\nMartes');
    await reply.getByRole('button', { name: 'Enviar', exact: true }).click();
    const error = reply.getByTestId('form-error');
    await error.waitFor();
    await expect(error.textContent()).resolves.toContain('Opción 2: tiene 26 letras; en WhatsApp caben 20.');
    expect(await outbound()).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    await shot('01-refused');
  });

  it('sends the reply with its buttons once the option fits', async () => {
    const reply = page.getByRole('form', { name: 'Responder como persona' });
    await reply.getByLabel('Opciones, una por línea').fill('Lunes 10:00\nLunes 16:30\nMartes');
    await reply.getByRole('button', { name: 'Enviar', exact: true }).click();
    await expect(reply.getByTestId('form-notice').textContent()).resolves.toContain('Respuesta en cola');
    await expect.poll(async () => (await outbound()).length).toBe(1);
    const [message] = await outbound();
    expect(message.text).toBe(
      'Tengo estos horarios el lunes, ¿cuál prefieres?\n\n1. Lunes 10:00\n2. Lunes 16:30\n3. Martes',
    );
    expect(message.content).toMatchObject({ kind: 'choices', style: 'buttons' });
    await page.reload();
    await expect(page.getByTestId('message').last().textContent()).resolves.toContain('3. Martes');
  });

  it('sends the services menu in one click', async () => {
    const reply = page.getByRole('form', { name: 'Responder como persona' });
    await reply.getByRole('button', { name: 'Enviar menú de servicios' }).click();
    await expect(reply.getByTestId('form-notice').textContent()).resolves.toContain(
      'Menú de servicios en cola',
    );
    await expect.poll(async () => (await outbound()).length).toBe(2);
    // The demo clinic's active services (seeded with its scheduling), in name order; a name
    // longer than a WhatsApp row (24) is shortened there and kept whole in the numbered text.
    const menu = (await outbound())[1];
    expect(menu.content).toMatchObject({ kind: 'choices', style: 'list', listButton: 'Ver servicios' });
    expect(menu.content.choices.map((choice: { title: string }) => choice.title)).toEqual([
      'Blanqueamiento dental',
      'Consulta de valoración',
      'Limpieza dental…',
    ]);
    expect(menu.text).toContain('3. Limpieza dental profesional — 45 min · MXN 800');
    await page.reload();
    await reply.getByText('Agregar opciones para tocar').click();
    expect(await axeViolations(page)).toEqual([]);
    await shot('02-sent');
  });
});

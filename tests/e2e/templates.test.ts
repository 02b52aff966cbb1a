import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getEnv } from '@/src/env';
import { demoTenant } from '@/src/tenants/demo-tenant';
import { seedDemoTenant } from '@/src/tenants/seed-demo-tenant';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { axeViolations } from './axe-audit';
import type { RunningApp } from './dashboard-app';
import { openLocalDashboard, signInLocally } from './local-dashboard';

// WhatsApp message templates in headless Chromium against the built app in local mode: the
// "Plantillas" page (the sandbox's presets, a rejection explained, a template refused before
// reaching Meta, a new one), and the reply box of a conversation silent for 25 hours, which offers
// the approved templates instead of free text. Desktop and 390×844 screenshots in
// tests/e2e/screenshots/.

const screenshots = path.resolve(import.meta.dirname, 'screenshots');
const slug = demoTenant.slug;
let test: TestDatabase;
let app: RunningApp;
let browser: Browser;
let page: Page;
let cspViolations: string[];
let tenantId: string;
let conversationId: string;

async function shot(name: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: path.join(screenshots, `templates-${name}-desktop.png`), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: path.join(screenshots, `templates-${name}-phone.png`), fullPage: true });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${name} is wider than the phone`).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** A WhatsApp customer who last wrote 25 hours ago, taken over by a person. */
async function seedSilentConversation(): Promise<string> {
  const { rows } = await test.pool.query(
    `with l as (
       insert into leads (tenant_id, origin_channel, name, phone, last_message_at)
       values ($1, 'whatsapp', 'Lucía Pérez', '+5215511112222', now() - interval '25 hours') returning id
     ), i as (
       insert into lead_identities (tenant_id, lead_id, channel, external_id, phone)
       select $1, id, 'whatsapp', '5215511112222', '+5215511112222' from l returning lead_id
     ), c as (
       insert into conversations (tenant_id, lead_id, channel, handled_by, last_inbound_at, last_message_at)
       select $1, lead_id, 'whatsapp', 'human', now() - interval '25 hours', now() - interval '25 hours' from i
       returning id, lead_id
     )
     insert into messages (tenant_id, conversation_id, lead_id, channel, direction, sender, text, created_at)
     select $1, c.id, c.lead_id, 'whatsapp', 'inbound', 'lead', '¿Tienen lugar para una limpieza el jueves?',
       now() - interval '25 hours' from c
     returning conversation_id`,
    [tenantId],
  );
  return rows[0].conversation_id;
}

beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  test = await createTestDatabase({ installAsAppDb: false });
  const key = getEnv().ENCRYPTION_KEY!;
  await seedDemoTenant(test.db, { appMode: 'local', encryptionKey: key });
  const { rows } = await test.pool.query('select id from tenants where slug = $1', [slug]);
  tenantId = rows[0].id;
  conversationId = await seedSilentConversation();
  ({ app, browser, page, cspViolations } = await openLocalDashboard(test, key));
});

afterAll(async () => {
  await browser?.close();
  app?.stop();
  await test?.drop();
});

describe('message templates in the browser', () => {
  it('brings the presets in, explains a rejection, and refuses a bad template in plain Spanish', async () => {
    await signInLocally(page, app.baseUrl, slug, demoTenant.ownerEmail);
    await page
      .getByRole('navigation', { name: 'Navegación principal' })
      .getByRole('link', { name: 'Plantillas' })
      .click();
    await page.waitForURL(new RegExp(`/t/${slug}/templates$`));
    await page.getByRole('heading', { name: 'Plantillas de mensaje', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Traer plantillas de WhatsApp' }).click();
    await expect(page.getByTestId('form-notice').first().textContent()).resolves.toContain(
      '5 plantillas actualizadas.',
    );
    await page.reload();
    await expect(page.getByTestId('template').count()).resolves.toBe(5);
    const cita = page.locator('[data-testid="template"][data-name="cita_confirmada"]');
    await expect(cita.getByTestId('template-status').textContent()).resolves.toBe('Aprobada');
    await expect(cita.textContent()).resolves.toContain('Servicio');

    // What a rejection webhook leaves behind (tests/templates/ drives it through the real route).
    await test.pool.query(
      `insert into whatsapp_templates (tenant_id, waba_id, template_id, name, language, category, status,
         parameter_format, components, rejection_reason)
       values ($1, 'sandbox', '77', 'promo_diciembre', 'es_MX', 'marketing', 'rejected', 'named',
         '[{"type":"BODY","text":"Hola {{nombre}}{{descuento}}"}]', 'INVALID_FORMAT — Adjacent parameters')`,
      [tenantId],
    );
    await page.reload();
    const promo = page.locator('[data-testid="template"][data-name="promo_diciembre"]');
    await expect(promo.getByTestId('template-status').textContent()).resolves.toBe('Rechazada');
    await expect(promo.getByTestId('rejection').textContent()).resolves.toContain('El formato no es válido');

    const form = page.getByRole('form', { name: 'Crear una plantilla' });
    await form.getByLabel('Nombre interno').fill('Promo Navidad');
    await form.getByLabel('Texto', { exact: true }).fill('Hola {{nombre}}{{descuento}}');
    await form.getByRole('button', { name: 'Enviar a revisión' }).click();
    const error = form.getByTestId('form-error');
    await expect(error.textContent()).resolves.toContain('El nombre solo puede tener minúsculas');
    await expect(error.textContent()).resolves.toContain('Dos datos entre llaves no pueden ir juntos');
    await expect(error.textContent()).resolves.toContain('Falta el ejemplo del dato {{nombre}}');
    expect(await axeViolations(page)).toEqual([]);
    await shot('01-page');

    await form.getByLabel('Nombre interno').fill('promo_navidad');
    await form.getByLabel('Tipo').selectOption('marketing');
    await form
      .getByLabel('Texto', { exact: true })
      .fill('Hola {{nombre}}, este mes tu limpieza tiene {{descuento}} de descuento.');
    await form.getByLabel('Ejemplos para WhatsApp').fill('nombre=Ana\ndescuento=20 %');
    await form.getByRole('button', { name: 'Enviar a revisión' }).click();
    await expect(form.getByTestId('form-notice').textContent()).resolves.toContain(
      'La plantilla promo_navidad quedó aprobada (modo de prueba).',
    );
  });

  it('offers the approved templates in the reply box after 25 hours and sends one', async () => {
    await page.goto(`${app.baseUrl}/t/${slug}/inbox/${conversationId}`);
    const box = page.getByTestId('template-reply');
    await expect(box.getByTestId('reply-window').textContent()).resolves.toContain(
      'solo plantillas de mensaje aprobadas',
    );
    await box.getByLabel('Plantilla').selectOption('recordatorio_cita|es_MX');
    await box.getByLabel('Dato: nombre').fill('Lucía');
    await box.getByLabel('Dato: fecha').fill('jueves 11 de diciembre');
    await box.getByLabel('Dato: hora').fill('10:30');
    await box.getByLabel('Dato: sucursal').fill('Sucursal Del Valle');
    const expected =
      'Hola Lucía, te recordamos tu cita del jueves 11 de diciembre a las 10:30 en Sucursal Del Valle. Responde a este mensaje para confirmarla o cambiarla.';
    await expect(box.getByTestId('template-preview').textContent()).resolves.toBe(expected);
    expect(await axeViolations(page)).toEqual([]);
    await shot('02-reply-box');
    await box.getByRole('button', { name: 'Enviar plantilla' }).click();
    await expect(page.getByTestId('form-notice').first().textContent()).resolves.toContain(
      'Plantilla en cola para enviar.',
    );
    await page.reload();
    await expect(page.getByTestId('message').last().textContent()).resolves.toContain(expected);
    const { rows } = await test.pool.query(
      `select m.message_type, o.request from messages m left join outbox_messages o on o.message_id = m.id
       where m.conversation_id = $1 and m.direction = 'outbound'`,
      [conversationId],
    );
    expect(rows[0].message_type).toBe('template');
    await shot('03-sent');
    expect(cspViolations).toEqual([]);
  });
});

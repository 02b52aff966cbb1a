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
import { openLocalDashboard } from './local-dashboard';

// The AI page (issue 18) in headless Chromium against the built app in local mode (no
// ANTHROPIC_API_KEY: the test chat uses the offline responder): sections saved one at a time,
// the test chat answering with unsaved edits, Spanish validation errors, the automatic messages
// section. Screenshots (desktop and a 390×844 phone) land in tests/e2e/screenshots/.

const screenshots = path.resolve(import.meta.dirname, 'screenshots');
const slug = demoTenant.slug;
let test: TestDatabase;
let app: RunningApp;
let browser: Browser;
let page: Page;
let cspViolations: string[];

async function shot(name: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: path.join(screenshots, `ai-settings-${name}-desktop.png`), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: path.join(screenshots, `ai-settings-${name}-phone.png`), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function saved() {
  const { rows } = await test.pool.query(
    `select a.* from ai_tenant_context a join tenants t on t.id = a.tenant_id where t.slug = $1`,
    [slug],
  );
  return rows[0];
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

describe('AI settings in the browser', () => {
  it('shows the settings as sections, each with its own Save, and the test chat', async () => {
    await page.goto(`${app.baseUrl}/t/${slug}/ai`);
    await page.waitForURL(/\/login$/);
    await page.getByLabel('Correo electrónico').fill(demoTenant.ownerEmail);
    await page.getByRole('button', { name: 'Entrar como este miembro' }).click();
    await page.waitForURL(new RegExp(`/t/${slug}$`));
    const response = await page.goto(`${app.baseUrl}/t/${slug}/ai`);
    expect(response?.status(), app.output.slice(-30).join('')).toBe(200);
    await page.getByRole('heading', { name: 'Configuración de la IA', level: 1 }).waitFor();
    for (const section of [
      'Cómo habla tu negocio',
      'Lo que la IA sabe',
      'Cuándo pasa a una persona',
      'Horario',
      'Mensajes automáticos',
      'Avanzado',
    ]) {
      const form = page.getByRole('form', { name: section });
      await expect(form.getByRole('button', { name: 'Guardar esta sección' }).count()).resolves.toBe(1);
    }
    await expect(page.getByRole('heading', { name: 'Chat de prueba' }).isVisible()).resolves.toBe(true);
    const html = await page.content();
    expect(html).not.toMatch(/prompt del sistema|tokens por respuesta/);
    expect(await axeViolations(page)).toEqual([]);
    await shot('01-sections');
  });

  it('saves one section without touching the unsaved edits of another', async () => {
    const before = await saved();
    await page.getByLabel('Tono', { exact: true }).fill('cercano y breve');
    // An unsaved edit in another section.
    await page.getByLabel('Mensaje cuando la IA no sabe qué responder').fill('Borrador sin guardar');
    const voice = page.getByRole('form', { name: 'Cómo habla tu negocio' });
    await voice.getByRole('button', { name: 'Guardar esta sección' }).click();
    await expect(voice.getByTestId('form-notice').textContent()).resolves.toContain(
      'Guardado: «Cómo habla tu negocio». Las demás secciones no cambiaron.',
    );
    const after = await saved();
    expect(after.response_style).toBe('cercano y breve');
    expect(after.fallback_message).toBe(before.fallback_message);
    expect(after.knowledge).toEqual(before.knowledge);
    expect(after.business_hours).toEqual(before.business_hours);
    await expect(page.getByLabel('Mensaje cuando la IA no sabe qué responder').inputValue()).resolves.toBe(
      'Borrador sin guardar',
    );
  });

  it('the test chat answers with the unsaved FAQ answer', async () => {
    const answer = page.getByLabel('Respuesta', { exact: true }).nth(1);
    await answer.fill('Aceptamos solo efectivo (respuesta sin guardar).');
    await page.getByLabel('Escribe como si fueras un cliente').fill('¿Qué formas de pago aceptan?');
    await page.getByRole('button', { name: 'Enviar', exact: true }).click();
    const reply = page.getByTestId('ai-test-reply').last();
    await reply.waitFor();
    expect(await reply.textContent()).toContain('Aceptamos solo efectivo (respuesta sin guardar).');
    expect((await saved()).knowledge.faqs[1].answer).not.toContain('sin guardar');
    await shot('02-test-chat');
  });

  it('names a wrong field in Spanish and keeps the saved value', async () => {
    const advanced = page.getByRole('form', { name: 'Avanzado' });
    await page.getByLabel('Largo máximo de cada respuesta').fill('5');
    await advanced.getByRole('button', { name: 'Guardar esta sección' }).click();
    const error = advanced.getByTestId('form-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('Revisa estos campos:');
    expect(await error.textContent()).toContain('Largo máximo de cada respuesta (de 64 a 4096)');
    expect((await saved()).max_tokens).toBe(600);
    await page.getByLabel('Largo máximo de cada respuesta').fill('600');
  });

  it('saves the automatic messages', async () => {
    const auto = page.getByRole('form', { name: 'Mensajes automáticos' });
    await page.getByLabel('Saludar al primer mensaje de un cliente').check();
    await page.getByLabel('Saludo', { exact: true }).fill('¡Hola! Gracias por escribir a la clínica.');
    await auto.getByRole('button', { name: 'Guardar esta sección' }).click();
    await expect(auto.getByTestId('form-notice').textContent()).resolves.toContain('Mensajes automáticos');
    const { rows } = await test.pool.query(
      `select s.greeting_enabled, s.greeting_text, s.away_enabled from auto_message_settings s
       join tenants t on t.id = s.tenant_id where t.slug = $1`,
      [slug],
    );
    expect(rows[0]).toEqual({
      greeting_enabled: true,
      greeting_text: '¡Hola! Gracias por escribir a la clínica.',
      away_enabled: false,
    });
  });

  it('passes axe in English too, and raised no CSP violation', async () => {
    await page.reload();
    await page.getByRole('button', { name: 'en', exact: true }).click();
    await page.getByRole('heading', { name: 'AI settings', level: 1 }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await shot('03-english');
    await page.getByRole('button', { name: 'es', exact: true }).click();
    await page.getByRole('heading', { name: 'Configuración de la IA', level: 1 }).waitFor();
    expect(cspViolations).toEqual([]);
  });
});

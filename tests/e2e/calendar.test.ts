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

// The calendar ("Agenda") in headless Chromium against the built app in local mode, with the
// demo clinic's appointments: the week per branch, confirm one, move another to a free slot.
// Screenshots (desktop and a 390×844 phone) land in tests/e2e/screenshots/ to be looked at.

const screenshots = path.resolve(import.meta.dirname, 'screenshots');
const slug = demoTenant.slug;
let test: TestDatabase;
let app: RunningApp;
let browser: Browser;
let page: Page;
let cspViolations: string[];
let firstDay = '';

async function shot(name: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: path.join(screenshots, `calendar-${name}-desktop.png`), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: path.join(screenshots, `calendar-${name}-phone.png`), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function appointmentRow(leadName: string) {
  const { rows } = await test.pool.query(
    `select a.id, a.status, lower(a.period) as starts_at from appointments a join leads l on l.id = a.lead_id
     where l.name = $1`,
    [leadName],
  );
  return rows[0] as { id: string; status: string; starts_at: Date };
}

beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  test = await createTestDatabase({ installAsAppDb: false });
  const key = getEnv().ENCRYPTION_KEY!;
  await seedDemoTenant(test.db, { appMode: 'local', encryptionKey: key });
  const { rows } = await test.pool.query(
    `select to_char(lower(a.period) at time zone b.timezone, 'YYYY-MM-DD') as day
     from appointments a join branches b on b.id = a.branch_id order by lower(a.period) limit 1`,
  );
  firstDay = rows[0].day;
  ({ app, browser, page, cspViolations } = await openLocalDashboard(test, key));
});

afterAll(async () => {
  await browser?.close();
  app?.stop();
  await test?.drop();
});

describe('calendar in the browser', () => {
  it("shows the demo clinic's week from the menu, readable and accessible", async () => {
    expect(firstDay).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await signInLocally(page, app.baseUrl, slug, demoTenant.ownerEmail);
    await page
      .getByRole('navigation', { name: 'Navegación principal' })
      .getByRole('link', { name: 'Agenda' })
      .click();
    await page.waitForURL(new RegExp(`/t/${slug}/calendar$`));
    await expect(page.getByRole('heading', { name: 'Agenda', level: 1 }).isVisible()).resolves.toBe(true);
    await page.goto(`${app.baseUrl}/t/${slug}/calendar?view=week&date=${firstDay}`);
    await expect(page.getByTestId('calendar-day').count()).resolves.toBe(7);
    const cards = page.getByTestId('appointment');
    await expect(cards.count()).resolves.toBeGreaterThanOrEqual(2);
    const luis = cards.filter({ hasText: 'Luis Hernández' });
    await expect(luis.getByText('Por confirmar').isVisible()).resolves.toBe(true);
    await expect(luis.getByText('Consulta de valoración').isVisible()).resolves.toBe(true);
    const leadLink = luis.getByRole('link', { name: 'Luis Hernández' });
    expect(await leadLink.getAttribute('href')).toMatch(new RegExp(`^/t/${slug}/leads/[0-9a-f-]{36}$`));
    expect(await axeViolations(page)).toEqual([]);
    await shot('01-week');
  });

  it('confirms the requested appointment', async () => {
    const luis = page.getByTestId('appointment').filter({ hasText: 'Luis Hernández' });
    await luis.getByRole('button', { name: 'Confirmar' }).click();
    await expect(luis.getByTestId('form-notice').textContent()).resolves.toContain('Cita confirmada.');
    await expect.poll(async () => (await appointmentRow('Luis Hernández')).status).toBe('confirmed');
    await page.reload();
    const after = page.getByTestId('appointment').filter({ hasText: 'Luis Hernández' });
    await expect(after.getAttribute('data-status')).resolves.toBe('confirmed');
    await expect(after.getByRole('button', { name: 'Marcar atendida' }).isVisible()).resolves.toBe(true);
  });

  it('moves an appointment to a free slot picked from the list', async () => {
    const before = await appointmentRow('Ana López');
    const ana = page.getByTestId('appointment').filter({ hasText: 'Ana López' });
    await ana.getByRole('link', { name: 'Cambiar horario' }).click();
    await page.waitForURL(/move=/);
    const form = page.locator('#move-form');
    await expect(form.getByRole('heading', { name: 'Cambiar horario' }).isVisible()).resolves.toBe(true);
    const options = await form.getByLabel('Nuevo horario').locator('option').allTextContents();
    expect(options.length).toBeGreaterThan(3);
    expect(await axeViolations(page)).toEqual([]);
    await shot('02-move');
    await form.getByLabel('Nuevo horario').selectOption({ index: 3 });
    await form.getByRole('button', { name: 'Mover la cita' }).click();
    await expect(form.getByTestId('form-notice').textContent()).resolves.toContain('Cita movida a');
    const after = await appointmentRow('Ana López');
    expect(after.starts_at.getTime()).not.toBe(before.starts_at.getTime());
    expect(after.status).toBe('confirmed');
    const { rows } = await test.pool.query(
      "select source from appointment_events where appointment_id = $1 and action = 'rescheduled'",
      [after.id],
    );
    expect(rows).toEqual([{ source: 'staff' }]);
  });

  it("the lead page lists the lead's appointments with the calendar one click away", async () => {
    const ana = await appointmentRow('Ana López');
    const { rows } = await test.pool.query('select lead_id from appointments where id = $1', [ana.id]);
    await page.goto(`${app.baseUrl}/t/${slug}/leads/${rows[0].lead_id}`);
    const card = page.getByTestId('lead-appointments');
    await expect(card.getByText('Limpieza dental profesional').isVisible()).resolves.toBe(true);
    await expect(card.getByRole('link', { name: 'Ver en la agenda' }).count()).resolves.toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await shot('03-lead');
  });

  it('settings: the clinic, its services and dentists in plain words; a branch saves', async () => {
    await page.goto(`${app.baseUrl}/t/${slug}/calendar`);
    await page
      .getByRole('navigation', { name: 'Secciones de la agenda' })
      .getByRole('link', { name: 'Configuración' })
      .click();
    await page.waitForURL(/\/calendar\/settings$/);
    await expect(page.getByText('Dr. Carlos Soto · Sucursal Del Valle').isVisible()).resolves.toBe(true);
    await page.getByText('Sucursal Del Valle · America/Mexico City').click();
    const form = page.getByRole('form', { name: 'Cambiar Sucursal Del Valle' });
    await expect(form.getByLabel('Lunes').inputValue()).resolves.toBe('09:00-19:00');
    await form.getByLabel('Domingo').fill('10:00-14:00');
    await form.getByRole('button', { name: 'Guardar' }).click();
    await expect(form.getByTestId('form-notice').textContent()).resolves.toContain('Guardado');
    const { rows } = await test.pool.query(
      "select weekly_hours -> 'sun' as sun from branches where name = 'Sucursal Del Valle'",
    );
    expect(rows[0].sun).toEqual([['10:00', '14:00']]);
    await form.getByLabel('Lunes').fill('19:00-09:00');
    await form.getByRole('button', { name: 'Guardar' }).click();
    await expect(form.getByTestId('form-error').textContent()).resolves.toContain('Horario del lunes');
    expect(await axeViolations(page)).toEqual([]);
    await shot('04-settings');
  });

  it("makes a secret calendar link that answers text/calendar with the clinic's appointments", async () => {
    const feeds = page.getByRole('region', { name: 'Ver la agenda en Google o Apple Calendar' });
    await feeds.getByRole('button', { name: 'Crear enlace' }).click();
    const notice = feeds.getByTestId('form-notice');
    await expect(notice.textContent()).resolves.toContain('Cópialo ahora');
    const url = /https?:\/\/\S+\/api\/calendar\/[A-Za-z0-9_-]{43}\.ics/.exec(
      (await notice.textContent()) ?? '',
    )?.[0];
    expect(url).toBeDefined();
    const response = await fetch(new URL(new URL(url!).pathname, app.baseUrl));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const body = (await response.text()).replace(/\r\n /g, '');
    expect(body.match(/BEGIN:VEVENT/g)?.length).toBeGreaterThanOrEqual(3);
    expect(body).toContain('Luis Hernández');
  });

  it('an empty slot choice gets a plain Spanish answer, and no page broke the CSP', async () => {
    await page.goto(`${app.baseUrl}/t/${slug}/calendar?view=week&date=${firstDay}`);
    const ana = page.getByTestId('appointment').filter({ hasText: 'Ana López' });
    await ana.getByRole('link', { name: 'Cambiar horario' }).click();
    const form = page.locator('#move-form');
    await form.getByRole('button', { name: 'Mover la cita' }).click();
    await expect(form.getByTestId('form-error').textContent()).resolves.toContain('Elige un horario libre');
    expect(cspViolations).toEqual([]);
  });
});

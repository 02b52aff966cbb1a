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

// Reminders in the browser (issue 15 §3), against the built app in local mode with the demo
// clinic: the "Recordatorios y seguimientos" settings save, and an appointment's card says
// which reminders are scheduled and why one could not be sent. Screenshots (desktop and a
// 390×844 phone) land in tests/e2e/screenshots/ to be looked at.

const screenshots = path.resolve(import.meta.dirname, 'screenshots');
const slug = demoTenant.slug;
let test: TestDatabase;
let app: RunningApp;
let browser: Browser;
let page: Page;

async function shot(name: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: path.join(screenshots, `reminders-${name}-desktop.png`), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: path.join(screenshots, `reminders-${name}-phone.png`), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
}

beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  test = await createTestDatabase({ installAsAppDb: false });
  const key = getEnv().ENCRYPTION_KEY!;
  await seedDemoTenant(test.db, { appMode: 'local', encryptionKey: key });
  ({ app, browser, page } = await openLocalDashboard(test, key));
});

afterAll(async () => {
  await browser?.close();
  app?.stop();
  await test?.drop();
});

describe('reminders in the browser', () => {
  it('saves the reminder offsets, follow-up steps and the thank-you with its review link', async () => {
    await signInLocally(page, app.baseUrl, slug, demoTenant.ownerEmail);
    await page.goto(`${app.baseUrl}/t/${slug}/calendar/settings`);
    const section = page.getByTestId('reminder-settings');
    await expect(
      section.getByRole('heading', { name: 'Recordatorios y seguimientos' }).isVisible(),
    ).resolves.toBe(true);
    await expect(section.getByLabel('Recordatorios: horas antes de la cita').inputValue()).resolves.toBe(
      '24, 2',
    );
    await expect(
      section.getByLabel('Seguimientos: horas después de nuestro último mensaje').inputValue(),
    ).resolves.toBe('24, 72, 168');
    await section.getByLabel('Recordatorios: horas antes de la cita').fill('24, 3');
    await section.getByLabel('Escribir a los clientes que dejaron de contestar').check();
    await section.getByLabel('Agradecer la visita al día siguiente de una cita atendida').check();
    await section
      .getByLabel('Enlace para dejar una opinión (opcional)')
      .fill('https://g.page/r/clinica-sonrisa/review');
    await section.getByRole('button', { name: 'Guardar' }).click();
    await expect(section.getByTestId('form-notice').textContent()).resolves.toContain(
      'Recordatorios guardados',
    );
    const { rows } = await test.pool.query(
      `select reminder_offsets_minutes, follow_up_hours, follow_ups_enabled, thank_you_enabled, review_url
       from reminder_settings s join tenants t on t.id = s.tenant_id where t.slug = $1`,
      [slug],
    );
    expect(rows[0]).toEqual({
      reminder_offsets_minutes: [1440, 180],
      follow_up_hours: [24, 72, 168],
      follow_ups_enabled: true,
      thank_you_enabled: true,
      review_url: 'https://g.page/r/clinica-sonrisa/review',
    });

    expect(await axeViolations(page)).toEqual([]);
    await shot('01-settings');

    // Words that are not hours are refused with the field named.
    await section.getByLabel('Recordatorios: horas antes de la cita').fill('mañana');
    await section.getByRole('button', { name: 'Guardar' }).click();
    await expect
      .poll(() => section.getByTestId('form-error').textContent())
      .toMatch(/Revisa estos campos[\s\S]*Recordatorios/);
  });

  it("an appointment's card shows its reminders, and why one could not be sent", async () => {
    // The first future appointment: its day-before reminder could not go (the job records this
    // when the customer wrote more than 24 h ago and no template is approved; tests/reminders).
    const { rows } = await test.pool.query(
      `select a.id, l.name, to_char(lower(a.period) at time zone b.timezone, 'YYYY-MM-DD') as day
       from appointments a join leads l on l.id = a.lead_id join branches b on b.id = a.branch_id
       where a.status in ('requested', 'confirmed')
         and exists (select 1 from appointment_reminders r where r.appointment_id = a.id and r.status = 'scheduled')
       order by lower(a.period) limit 1`,
    );
    expect(rows).toHaveLength(1);
    const appointment = rows[0] as { id: string; name: string; day: string };
    await test.pool.query(
      `update appointment_reminders set status = 'not_sent', reason = 'outside_window_no_template'
       where id = (select id from appointment_reminders where appointment_id = $1 and status = 'scheduled'
                   order by due_at limit 1)`,
      [appointment.id],
    );
    await page.goto(`${app.baseUrl}/t/${slug}/calendar?view=day&date=${appointment.day}`);
    const card = page.getByTestId('appointment').filter({ hasText: appointment.name });
    const reminders = card.getByTestId('appointment-reminders');
    await expect(reminders.getByText('No se envió').isVisible()).resolves.toBe(true);
    await expect(
      reminders
        .getByText('no hay una plantilla de mensaje «recordatorio_cita» aprobada', { exact: false })
        .isVisible(),
    ).resolves.toBe(true);
    await expect(reminders.locator('[data-reminder-status]').count()).resolves.toBeGreaterThanOrEqual(1);
    expect(await axeViolations(page)).toEqual([]);
    await shot('02-appointment');
  });
});

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

// The reports page ("Informes") in headless Chromium against the built app in local mode: the
// demo clinic with a week of customers (and some test traffic, which the page leaves out), in
// Spanish and English, on a desktop and a 390×844 phone; then the test traffic is deleted from
// the channels page after a confirmation. Screenshots land in tests/e2e/screenshots/.

const screenshots = path.resolve(import.meta.dirname, 'screenshots');
const slug = demoTenant.slug;
let test: TestDatabase;
let app: RunningApp;
let browser: Browser;
let page: Page;
let cspViolations: string[];

async function shot(name: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: path.join(screenshots, `reports-${name}-desktop.png`), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: path.join(screenshots, `reports-${name}-phone.png`), fullPage: true });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${name} is wider than the phone`).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1280, height: 900 });
}

// A week of the clinic's customers: 21 leads over the last 5 to 6 days at different hours, AI replies
// after 20 s to 3 min, some answered by a person, some escalated, two failed sends. The demo's
// connections are sandboxes, so these rows are written as test traffic first and then declared
// real here; three more stay test traffic.
async function seedWeek(tenantId: string): Promise<void> {
  await test.pool.query(
    `with l as (
       insert into leads (tenant_id, origin_channel, name, classification, created_at)
       select $1, (array['whatsapp','instagram','facebook'])[1 + g % 3], 'Cliente ' || g,
         (array['hot','warm','cold','warm'])[1 + g % 4], now() - make_interval(hours => g * 6)
       from generate_series(1, 21) g returning id, origin_channel, created_at, name
     ), c as (
       insert into conversations (tenant_id, lead_id, channel, status, handled_by, escalated_at, escalation_reason)
       select $1, l.id, l.origin_channel, 'resolved', 'ai',
         case when right(l.name, 1) in ('3', '7') then l.created_at + interval '2 minutes' end,
         case right(l.name, 1) when '3' then 'keyword: precio' when '7' then 'escalated by the AI' end
       from l returning id, lead_id, channel
     ), m as (
       insert into messages (tenant_id, conversation_id, lead_id, channel, direction, sender, created_at)
       select $1, c.id, c.lead_id, c.channel, 'inbound', 'lead', l.created_at from c join l on l.id = c.lead_id
       returning conversation_id
     )
     select count(*) from m`,
    [tenantId],
  );
  await test.pool.query(
    `insert into messages (tenant_id, conversation_id, lead_id, channel, direction, sender, created_at,
       delivery_status, error_code)
     select c.tenant_id, c.id, c.lead_id, c.channel, 'outbound',
       case when n % 5 = 0 then 'human' else 'ai' end,
       i.created_at + make_interval(secs => 20 + (n % 9) * 20),
       case when n % 8 = 1 then 'failed' else 'sent' end,
       case when n % 8 = 1 then (array['131047', 'network', '131026'])[1 + ((n / 8) % 3)::int] end
     from (select c.*, row_number() over (order by c.created_at) as n from conversations c
           where c.tenant_id = $1) c
     join messages i on i.conversation_id = c.id and i.direction = 'inbound'`,
    [tenantId],
  );
  for (const table of ['leads', 'conversations', 'messages']) {
    await test.pool.query(`update ${table} set is_test = false where tenant_id = $1`, [tenantId]);
  }
  await test.pool.query(
    `update appointments set status = 'completed'
     where id = (select id from appointments where tenant_id = $1 order by lower(period) limit 1)`,
    [tenantId],
  );
  // Test traffic: a simulated customer (its sandbox connection marks it at insert).
  const { rows } = await test.pool.query(
    `insert into leads (tenant_id, origin_channel, name, created_at, is_test)
     values ($1, 'whatsapp', 'Cliente de prueba', now(), true) returning id`,
    [tenantId],
  );
  const conv = await test.pool.query(
    `insert into conversations (tenant_id, lead_id, channel, escalated_at, escalation_reason)
     values ($1, $2, 'whatsapp', now(), 'keyword: urgente') returning id, is_test`,
    [tenantId, rows[0].id],
  );
  expect(conv.rows[0].is_test).toBe(true);
  await test.pool.query(
    `insert into messages (tenant_id, conversation_id, lead_id, channel, direction, sender, text)
     values ($1, $2, $3, 'whatsapp', 'inbound', 'lead', 'Es urgente')`,
    [tenantId, conv.rows[0].id, rows[0].id],
  );
}

beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  test = await createTestDatabase({ installAsAppDb: false });
  const key = getEnv().ENCRYPTION_KEY!;
  await seedDemoTenant(test.db, { appMode: 'local', encryptionKey: key });
  const { rows } = await test.pool.query('select id from tenants where slug = $1', [slug]);
  await seedWeek(rows[0].id);
  ({ app, browser, page, cspViolations } = await openLocalDashboard(test, key));
});

afterAll(async () => {
  await browser?.close();
  app?.stop();
  await test?.drop();
});

describe('reports in the browser', () => {
  it('shows the week in charts from the menu, readable and accessible, without test traffic', async () => {
    await signInLocally(page, app.baseUrl, slug, demoTenant.ownerEmail);
    await page
      .getByRole('navigation', { name: 'Navegación principal' })
      .getByRole('link', { name: 'Informes' })
      .click();
    await page.waitForURL(new RegExp(`/t/${slug}/reports$`));
    await expect(page.getByRole('heading', { name: 'Informes', level: 1 }).isVisible()).resolves.toBe(true);
    const perDay = page.getByTestId('report-per-day');
    await expect(perDay.locator('svg.recharts-surface').count()).resolves.toBeGreaterThan(0);
    await expect(perDay.locator('figcaption').textContent()).resolves.toMatch(
      /conversaciones con actividad, 21 mensajes recibidos y 21 enviados/,
    );
    const leads = page.getByTestId('report-leads');
    await expect(leads.locator('figcaption').textContent()).resolves.toContain('prospectos nuevos');
    await expect(page.getByTestId('report-escalations').textContent()).resolves.toContain(
      'el cliente escribió la palabra clave «precio»',
    );
    await expect(page.getByTestId('report-errors').textContent()).resolves.toContain(
      'No se pudo contactar a la plataforma.',
    );
    await expect(page.getByTestId('report-per-hour').getByRole('table').count()).resolves.toBe(1);
    expect(await page.getByText('Cliente de prueba').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await shot('01-week-es');
  });

  it('filters by channel and period through the form', async () => {
    await page.getByLabel('Periodo').selectOption('30');
    await page.getByLabel('Canal').selectOption('whatsapp');
    await page.getByRole('button', { name: 'Ver', exact: true }).click();
    await page.waitForURL(/period=30.*channel=whatsapp/);
    await expect(page.getByTestId('report-per-day').locator('figcaption').textContent()).resolves.toMatch(
      /7 mensajes recibidos/,
    );
    await page.getByTestId('report-per-day').getByText('Ver los datos en una tabla').click();
    await expect(page.getByTestId('report-per-day').getByRole('table').isVisible()).resolves.toBe(true);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('reads in English too', async () => {
    await page.goto(`${app.baseUrl}/t/${slug}/reports`);
    await page.getByRole('button', { name: 'en', exact: true }).click();
    await page.getByRole('heading', { name: 'Reports', level: 1 }).waitFor();
    await expect(page.getByTestId('report-escalations').textContent()).resolves.toContain(
      'the customer wrote the keyword',
    );
    expect(await axeViolations(page)).toEqual([]);
    await shot('02-week-en');
    await page.getByRole('button', { name: 'es', exact: true }).click();
    await page.getByRole('heading', { name: 'Informes', level: 1 }).waitFor();
  });

  it('deletes the test traffic from the channels page after a confirmation', async () => {
    await page.goto(`${app.baseUrl}/t/${slug}/channels`);
    const card = page.getByTestId('test-traffic');
    await expect(card.textContent()).resolves.toContain(
      'De prueba: prospectos 1 · conversaciones 1 · mensajes 1.',
    );
    expect(await axeViolations(page)).toEqual([]);
    await card.getByRole('button', { name: 'Borrar el tráfico de prueba' }).click();
    // The browser's own check stops the form until the box is ticked.
    expect(await test.pool.query('select count(*)::int as n from leads where is_test')).toMatchObject({
      rows: [{ n: 1 }],
    });
    await card.getByLabel(/Sí, borrar todo el tráfico de prueba/).check();
    await card.getByRole('button', { name: 'Borrar el tráfico de prueba' }).click();
    await expect(card.getByTestId('form-notice').textContent()).resolves.toContain(
      'Listo, tráfico de prueba borrado: prospectos 1 · conversaciones 1 · mensajes 1.',
    );
    const left = await test.pool.query(
      `select (select count(*)::int from leads where is_test) as test_leads,
              (select count(*)::int from leads where name like 'Cliente %') as real_leads`,
    );
    expect(left.rows[0]).toEqual({ test_leads: 0, real_leads: 21 });
    await shot('03-test-traffic-deleted');
    expect(cspViolations).toEqual([]);
  });
});

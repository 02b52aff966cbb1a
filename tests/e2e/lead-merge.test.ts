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

// The lead page in headless Chromium: edit a lead, find the same customer's Instagram lead and
// merge it in (both conversations on one page), then undo. Screenshots (desktop and a 390×844
// phone) land in tests/e2e/screenshots/ to be looked at; axe in Spanish and English.

const screenshots = path.resolve(import.meta.dirname, 'screenshots');
const slug = demoTenant.slug;
let test: TestDatabase;
let app: RunningApp;
let browser: Browser;
let page: Page;
let cspViolations: string[];
let ana = '';
let instagramAna = '';

async function shot(name: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: path.join(screenshots, `lead-merge-${name}-desktop.png`), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: path.join(screenshots, `lead-merge-${name}-phone.png`), fullPage: true });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${name} fits a 390 px phone`).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function leadOfIdentity(externalId: string): Promise<string> {
  const { rows } = await test.pool.query('select lead_id from lead_identities where external_id = $1', [
    externalId,
  ]);
  return rows[0].lead_id;
}

beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  test = await createTestDatabase({ installAsAppDb: false });
  const key = getEnv().ENCRYPTION_KEY!;
  await seedDemoTenant(test.db, { appMode: 'local', encryptionKey: key });
  const anaRow = await test.pool.query(
    `select l.id from leads l join tenants t on t.id = l.tenant_id
     where t.slug = $1 and l.name = 'Ana López' order by l.created_at limit 1`,
    [slug],
  );
  ana = anaRow.rows[0].id;
  // Her WhatsApp conversation (the demo booked her appointment without one).
  await test.pool.query(
    `with c as (insert into conversations (tenant_id, lead_id, channel, last_message_at, last_inbound_at)
                select tenant_id, id, 'whatsapp', now(), now() from leads where id = $1 returning id, tenant_id, lead_id)
     insert into messages (tenant_id, conversation_id, lead_id, channel, direction, sender, text, platform_message_id)
     select tenant_id, id, lead_id, 'whatsapp', 'inbound', 'lead', 'Hola, ¿cuánto cuesta una limpieza?', 'wamid.E2EANA1' from c`,
    [ana],
  );
  // The same customer wrote on Instagram too: a second lead with its conversation.
  const ig = await test.pool.query(
    `with t as (select id from tenants where slug = $1),
       l as (insert into leads (tenant_id, origin_channel, name, score, classification, last_message_at)
             select id, 'instagram', 'Ana L.', 75, 'hot', now() from t returning id, tenant_id),
       i as (insert into lead_identities (tenant_id, lead_id, channel, external_id, username)
             select tenant_id, id, 'instagram', 'e2e-ig-ana', 'ana.lopez.mx' from l),
       c as (insert into conversations (tenant_id, lead_id, channel, last_message_at, last_inbound_at)
             select tenant_id, id, 'instagram', now(), now() from l returning id, tenant_id, lead_id)
     insert into messages (tenant_id, conversation_id, lead_id, channel, direction, sender, text, platform_message_id)
     select tenant_id, id, lead_id, 'instagram', 'inbound', 'lead', '¿Hacen blanqueamiento?', 'mid.E2EANA1' from c
     returning lead_id`,
    [slug],
  );
  instagramAna = ig.rows[0].lead_id;
  ({ app, browser, page, cspViolations } = await openLocalDashboard(test, key));
});

afterAll(async () => {
  await browser?.close();
  app?.stop();
  await test?.drop();
});

describe('editing and merging leads in the browser', () => {
  it('edits the contact details and stage, and shows who changed what', async () => {
    await page.goto(`${app.baseUrl}/t/${slug}/leads/${ana}`);
    await page.waitForURL(/\/login$/);
    await page.getByLabel('Correo electrónico').fill(demoTenant.ownerEmail);
    await page.getByRole('button', { name: 'Entrar como este miembro' }).click();
    await page.waitForURL(new RegExp(`/t/${slug}$`));
    await page.goto(`${app.baseUrl}/t/${slug}/leads/${ana}`);
    const form = page.getByRole('form', { name: 'Datos del contacto' });
    await form.getByLabel('Teléfono').fill('12');
    await form.getByRole('button', { name: 'Guardar cambios' }).click();
    await expect(form.getByTestId('form-error').textContent()).resolves.toContain('Teléfono');
    await form.getByLabel('Teléfono').fill('+52 55 8765 4321');
    await form.getByLabel('Correo').fill('ana.lopez@example.com');
    await form.getByLabel('Etapa').selectOption({ label: 'Con cita' });
    await form.getByLabel('Notas').fill('Prefiere citas por la tarde.');
    await form.getByRole('button', { name: 'Guardar cambios' }).click();
    await expect(form.getByTestId('form-notice').textContent()).resolves.toContain('Cambios guardados.');
    const change = page.getByTestId('lead-change').first();
    await change.waitFor();
    await expect(change.textContent()).resolves.toContain('Con cita');
    await expect(change.textContent()).resolves.toContain(demoTenant.ownerEmail);
    const { rows } = await test.pool.query('select email, stage, phone from leads where id = $1', [ana]);
    expect(rows[0]).toEqual({ email: 'ana.lopez@example.com', stage: 'appointment', phone: '+525587654321' });
    expect(await axeViolations(page)).toEqual([]);
    await shot('01-edited');
  });

  it('finds the Instagram lead and merges it: both conversations on one page', async () => {
    await page.getByLabel('Buscar por nombre, teléfono o correo').fill('Ana');
    await page.getByRole('button', { name: 'Buscar', exact: true }).click();
    await page.waitForURL(/buscar=Ana/);
    const candidate = page.getByTestId('merge-candidate').filter({ hasText: 'Ana L.' });
    await expect(candidate.textContent()).resolves.toContain('Instagram');
    expect(await axeViolations(page)).toEqual([]);
    await shot('02-search');
    await candidate.getByRole('button', { name: 'Unir Ana L. a este contacto' }).click();
    await page.getByTestId('lead-merge').first().waitFor();
    await expect.poll(() => leadOfIdentity('e2e-ig-ana')).toBe(ana);
    await page.reload();
    const conversations = page.getByRole('region', { name: 'Conversaciones' });
    await expect(conversations.getByRole('link', { name: /Instagram/ }).count()).resolves.toBe(1);
    await expect(conversations.getByRole('link', { name: /WhatsApp/ }).count()).resolves.toBe(1);
    await expect(page.getByTestId('lead-score').textContent()).resolves.toBe('75');
    expect(await axeViolations(page)).toEqual([]);
    await shot('03-merged');

    await page.goto(`${app.baseUrl}/t/${slug}/leads/${instagramAna}`);
    await expect(page.getByTestId('merged-into').textContent()).resolves.toContain('Ana López');
    await expect(page.getByRole('form', { name: 'Datos del contacto' }).count()).resolves.toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await shot('04-merged-away');
  });

  it('undoes the merge: each lead has its own conversations again', async () => {
    await page.goto(`${app.baseUrl}/t/${slug}/leads/${ana}`);
    await page.getByTestId('lead-merge').getByRole('button', { name: 'Deshacer la unión' }).click();
    await expect.poll(() => leadOfIdentity('e2e-ig-ana')).toBe(instagramAna);
    await page.reload();
    const conversations = page.getByRole('region', { name: 'Conversaciones' });
    await expect(conversations.getByRole('link', { name: /Instagram/ }).count()).resolves.toBe(0);
    await expect(conversations.getByRole('link', { name: /WhatsApp/ }).count()).resolves.toBe(1);
    await expect(page.getByTestId('lead-change').first().textContent()).resolves.toContain(
      'Se deshizo una unión',
    );
    await shot('05-undone');
  });

  it('reads in English and passes axe there too', async () => {
    await page.getByRole('button', { name: 'en', exact: true }).click();
    await page.getByRole('heading', { name: 'Contact details' }).waitFor();
    await page.goto(`${app.baseUrl}/t/${slug}/leads/${ana}?buscar=Ana`);
    expect(await axeViolations(page)).toEqual([]);
    await shot('06-english');
    await page.getByRole('button', { name: 'es', exact: true }).click();
    await page.getByRole('heading', { name: 'Datos del contacto' }).waitFor();
    expect(cspViolations).toEqual([]);
  });
});

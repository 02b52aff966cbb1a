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

// Working a conversation as a team (issue 18 §2) in headless Chromium: assign it to a colleague,
// leave an internal note mentioning her (stored, never sent), reply; a quick reply inserted by
// typing "/" and sent; on a 390×844 phone the reply box stays at the bottom of the screen and
// "Tomar la conversación" is above the messages. Screenshots in tests/e2e/screenshots/.

const screenshots = path.resolve(import.meta.dirname, 'screenshots');
const slug = demoTenant.slug;
const colleague = 'paula@esva-dental.example';
let test: TestDatabase;
let app: RunningApp;
let browser: Browser;
let page: Page;
let cspViolations: string[];
let conversationId = '';
let leadId = '';
let tenantId = '';

async function shot(name: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: path.join(screenshots, `teamwork-${name}-desktop.png`), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: path.join(screenshots, `teamwork-${name}-phone.png`), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function count(sql: string, params: unknown[]): Promise<number> {
  return (await test.pool.query(sql, params)).rows[0].n;
}

beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  test = await createTestDatabase({ installAsAppDb: false });
  const key = getEnv().ENCRYPTION_KEY!;
  await seedDemoTenant(test.db, { appMode: 'local', encryptionKey: key });
  await test.db.rpc('admin_seed_staff_member', { p_tenant_slug: slug, p_email: colleague, p_role: 'agent' });
  tenantId = (await test.pool.query('select id from tenants where slug = $1', [slug])).rows[0].id;
  // A long conversation, so that on a phone the messages fill more than a screen.
  const seeded = await seedInbox(test, tenantId, { name: 'Valeria Ortiz', text: '¿Tienen cita el sábado?' });
  conversationId = seeded.conversationId;
  leadId = seeded.leadId;
  await test.pool.query(
    `insert into messages (tenant_id, conversation_id, lead_id, channel, direction, sender, text, created_at)
     select $1, $2, $3, 'whatsapp', 'inbound', 'lead', 'Mensaje ' || n || ': quiero saber precios y horarios.',
       now() - interval '30 minutes' + n * interval '1 second'
     from generate_series(1, 14) n`,
    [tenantId, conversationId, seeded.leadId],
  );
  await test.db.rpc('admin_seed_staff_member', {
    p_tenant_slug: slug,
    p_email: demoTenant.ownerEmail,
    p_role: 'owner',
  });
  ({ app, browser, page, cspViolations } = await openLocalDashboard(test, key));
});

afterAll(async () => {
  await browser?.close();
  app?.stop();
  await test?.drop();
});

describe('working a conversation as a team', () => {
  it('the owner creates a tag and a quick reply', async () => {
    await signInLocally(page, app.baseUrl, slug, demoTenant.ownerEmail);
    await page
      .getByRole('navigation', { name: 'Navegación principal' })
      .getByRole('link', { name: 'Etiquetas y respuestas' })
      .click();
    await page.waitForURL(/\/tags$/);
    const newTag = page.getByRole('form', { name: 'Nueva etiqueta' });
    await newTag.getByLabel('Nombre').fill('Ortodoncia');
    await newTag.getByLabel('Color').selectOption('violet');
    await newTag.getByRole('button', { name: 'Crear etiqueta' }).click();
    await expect(newTag.getByTestId('form-notice').textContent()).resolves.toContain('Etiqueta guardada');
    const newQuick = page.getByRole('form', { name: 'Nueva respuesta rápida' });
    await newQuick.getByLabel('Título').fill('Horario sábado');
    await newQuick.getByLabel('Texto').fill('Los sábados abrimos de 9:00 a 14:00.');
    await newQuick.getByRole('button', { name: 'Crear respuesta rápida' }).click();
    await expect(newQuick.getByTestId('form-notice').textContent()).resolves.toContain(
      'Respuesta rápida guardada',
    );
    await page.reload();
    await expect(page.getByTestId('tag-list').getByText('Ortodoncia').first().isVisible()).resolves.toBe(
      true,
    );
    expect(await axeViolations(page)).toEqual([]);
    await shot('01-settings');
  });

  it('on a phone, "Tomar la conversación" is above the messages and the reply box sticks to the bottom', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${app.baseUrl}/t/${slug}/inbox/${conversationId}`);
    const top = page.getByTestId('take-over-top').getByRole('button', { name: 'Tomar la conversación' });
    const box = await top.boundingBox();
    expect(box && box.y + box.height <= 844).toBe(true);
    await top.click();
    await page.getByLabel('Tu respuesta').waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    const dock = await page.getByTestId('reply-dock').boundingBox();
    // At the top of a long thread, the reply box is already on screen, at its bottom edge.
    expect(dock && dock.y + dock.height).toBeGreaterThan(800);
    expect(dock && dock.y + dock.height).toBeLessThanOrEqual(845);
    await page.screenshot({ path: path.join(screenshots, 'teamwork-02-sticky-phone.png') });
    // Scrolled to the end, the box sits in its own place after the messages, covering none.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.screenshot({ path: path.join(screenshots, 'teamwork-02-sticky-end-phone.png') });
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('assigns it to a colleague, leaves a note mentioning her (nothing sent), then replies', async () => {
    await page.goto(`${app.baseUrl}/t/${slug}/inbox/${conversationId}`);
    const panel = page.getByTestId('teamwork-panel');
    await panel.getByRole('combobox', { name: 'Asignada a' }).selectOption({ label: colleague });
    await panel.getByRole('button', { name: 'Asignar' }).click();
    await expect(panel.getByTestId('form-notice').first().textContent()).resolves.toContain(
      `Asignada a ${colleague}`,
    );
    await page.reload();
    await expect(page.getByTestId('assignee').textContent()).resolves.toContain(colleague);
    await expect(page.getByTestId('teamwork-history').textContent()).resolves.toContain(
      `${demoTenant.ownerEmail} la asignó a ${colleague}`,
    );

    // Jobs other than the mention's own notice (deliver_notification): a note must send nothing.
    const sendJobs = `select count(*)::int as n from jobs where tenant_id = $1 and job_type <> 'deliver_notification'`;
    const jobsBefore = await count(sendJobs, [tenantId]);
    const outboundBefore = await count(
      "select count(*)::int as n from messages where conversation_id = $1 and direction = 'outbound'",
      [conversationId],
    );
    const note = page.getByRole('form', { name: 'Nota interna' });
    const noteBox = note.getByLabel('Nota para el equipo');
    await noteBox.click();
    await noteBox.pressSequentially('Revisa la agenda @pau');
    await expect(page.getByTestId('picker-option').first().textContent()).resolves.toContain(colleague);
    await noteBox.press('Enter');
    await noteBox.pressSequentially('por favor');
    await expect(noteBox.inputValue()).resolves.toBe(`Revisa la agenda @${colleague} por favor`);
    await note.getByRole('button', { name: 'Guardar nota' }).click();
    await expect(note.getByTestId('form-notice').textContent()).resolves.toContain('El cliente no la ve');
    const { rows } = await test.pool.query(
      `select u.email from note_mentions m join auth.users u on u.id = m.user_id
       join conversation_notes n on n.id = m.note_id where n.conversation_id = $1`,
      [conversationId],
    );
    expect(rows).toEqual([{ email: colleague }]);
    expect(await count(sendJobs, [tenantId])).toBe(jobsBefore);
    expect(
      await count(
        "select count(*)::int as n from messages where conversation_id = $1 and direction = 'outbound'",
        [conversationId],
      ),
    ).toBe(outboundBefore);
    await page.reload();
    const bubble = page.getByTestId('note');
    await expect(bubble.textContent()).resolves.toContain('Nota interna');
    await expect(bubble.textContent()).resolves.toContain(`Menciona a: ${colleague}`);

    await page
      .getByTestId('conversation-tags')
      .getByRole('button', { name: 'Poner etiqueta Ortodoncia' })
      .click();
    await expect
      .poll(() =>
        count('select count(*)::int as n from conversation_tags where conversation_id = $1', [
          conversationId,
        ]),
      )
      .toBe(1);

    const reply = page.getByRole('form', { name: 'Responder como persona' });
    await reply.getByLabel('Tu respuesta').fill('Hola Valeria, te confirmo en un momento.');
    await reply.getByRole('button', { name: 'Enviar', exact: true }).click();
    await reply.getByTestId('form-notice').waitFor();
    await expect
      .poll(() =>
        count(
          "select count(*)::int as n from messages where conversation_id = $1 and sender = 'human' and text like 'Hola Valeria%'",
          [conversationId],
        ),
      )
      .toBe(1);
    await page.reload();
    expect(await axeViolations(page)).toEqual([]);
    await shot('03-conversation');
  });

  it('inserts a quick reply by typing "/" and picking it with the keyboard, and sends it', async () => {
    const reply = page.getByRole('form', { name: 'Responder como persona' });
    const box = reply.getByLabel('Tu respuesta');
    await box.click();
    await box.pressSequentially('/sába');
    await expect(page.getByRole('listbox', { name: 'Respuestas rápidas' }).isVisible()).resolves.toBe(true);
    await expect(page.getByTestId('picker-option').count()).resolves.toBe(1);
    await page.screenshot({ path: path.join(screenshots, 'teamwork-04-quick-reply-desktop.png') });
    await box.press('Enter');
    await expect(box.inputValue()).resolves.toBe('Los sábados abrimos de 9:00 a 14:00.');
    await reply.getByRole('button', { name: 'Enviar', exact: true }).click();
    await expect
      .poll(() =>
        count(
          "select count(*)::int as n from messages where conversation_id = $1 and text = 'Los sábados abrimos de 9:00 a 14:00.'",
          [conversationId],
        ),
      )
      .toBe(1);
  });

  it('tags the customer on the lead page', async () => {
    await page.goto(`${app.baseUrl}/t/${slug}/leads/${leadId}`);
    const chips = page.getByTestId('lead-tags');
    await chips.getByRole('button', { name: 'Poner etiqueta Ortodoncia' }).click();
    await expect
      .poll(() => count('select count(*)::int as n from lead_tags where lead_id = $1', [leadId]))
      .toBe(1);
    await page.reload();
    await expect(
      chips.getByRole('button', { name: 'Quitar etiqueta Ortodoncia' }).getAttribute('aria-pressed'),
    ).resolves.toBe('true');
    expect(await axeViolations(page)).toEqual([]);
    await shot('05-lead');
  });

  it('hands it to a person with a reason, shown in words; English passes axe too', async () => {
    await page.goto(`${app.baseUrl}/t/${slug}/inbox/${conversationId}`);
    // A person already handles it: hand back to the AI, then escalate with a reason.
    await page.getByRole('button', { name: 'Devolver a la IA' }).click();
    await page.getByTestId('take-over-top').waitFor({ state: 'attached' });
    const panel = page.getByTestId('teamwork-panel');
    await panel.getByText('Pasar a una persona').first().click();
    await panel.getByLabel('Motivo').fill('Pide factura con RFC');
    await panel.getByRole('button', { name: 'Pasar a una persona' }).click();
    await panel.getByText('Listo: ahora la atiende una persona.').waitFor();
    await page.reload();
    await expect(
      page.getByText('alguien del equipo la pasó a una persona: Pide factura con RFC').isVisible(),
    ).resolves.toBe(true);
    await page.getByRole('button', { name: 'en', exact: true }).click();
    await page.getByText('Internal note').first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(`${app.baseUrl}/t/${slug}/tags`);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'es', exact: true }).click();
    expect(cspViolations).toEqual([]);
  });
});

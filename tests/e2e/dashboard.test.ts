import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getEnv } from '@/src/env';
import { demoTenant } from '@/src/tenants/demo-tenant';
import { seedDemoTenant } from '@/src/tenants/seed-demo-tenant';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { type AxeViolation, axeViolations } from './axe-audit';
import { isNonceScriptSrc, scriptSrc, watchCspViolations } from './csp-watch';
import { buildApp, type RunningApp, startApp } from './dashboard-app';
import { launchChromium } from './launch-chromium';

// The staff dashboard in headless Chromium against the built app in local mode: sign in, edit a
// channel (the secret never comes back), change the AI prompt, simulate a WhatsApp customer and
// watch the reply and the score, take over and reply as a person, retry a failed job. Every page
// is saved under tests/e2e/screenshots/ to be looked at.

const screenshots = path.resolve(import.meta.dirname, 'screenshots');
const slug = demoTenant.slug;
const cronSecret = randomBytes(24).toString('hex');
const newToken = 'EAAG-e2e-brand-new-token-SECRET-9876';
const customerId = '5215544443333';

let test: TestDatabase;
let app: RunningApp;
let browser: Browser;
let page: Page;
let cspViolations: string[];

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: path.join(screenshots, `${name}.png`), fullPage: true });
}

async function open(pathname: string): Promise<void> {
  await page.goto(`${app.baseUrl}${pathname}`);
}

function failureContext(): string {
  return app.output.join('').slice(-3000);
}

beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  test = await createTestDatabase({ installAsAppDb: false });
  const key = getEnv().ENCRYPTION_KEY!;
  await seedDemoTenant(test.db, { appMode: 'local', encryptionKey: key });
  // Another business in the same database: the dashboard must never show it to Esva's staff.
  await test.db.rpc('admin_create_tenant', { p_slug: 'otro-negocio', p_name: 'Otro Negocio' });
  await test.db.rpc('admin_seed_staff_member', {
    p_tenant_slug: 'otro-negocio',
    p_email: 'owner@otro.example',
    p_role: 'owner',
  });
  buildApp();
  app = await startApp({
    APP_MODE: 'local',
    DATABASE_URL: test.url,
    ENCRYPTION_KEY: key,
    CRON_SECRET: cronSecret,
  });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'es-MX' });
  cspViolations = await watchCspViolations(page);
});

afterAll(async () => {
  await browser?.close();
  app?.stop();
  await test?.drop();
});

describe('staff dashboard in the browser', () => {
  it('signs in locally as the seeded owner', async () => {
    await open(`/t/${slug}`);
    await page.waitForURL(/\/login$/);
    const login = await page.reload();
    expect(isNonceScriptSrc(scriptSrc(login)), scriptSrc(login)).toBe(true);
    await shot('01-login');
    await page.getByLabel('Correo electrónico').fill(demoTenant.ownerEmail);
    await page.getByRole('button', { name: 'Entrar como este miembro' }).click();
    await page.waitForURL(new RegExp(`/t/${slug}$`));
    await expect(page.getByRole('heading', { name: 'Resumen de hoy' }).isVisible()).resolves.toBe(true);
    const cookie = (await page.context().cookies()).find((c) => c.name === 'inbox_dev_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    await shot('02-overview');
  });

  it('edits a channel: the new token is stored, shown only as a hint, never rendered back', async () => {
    await open(`/t/${slug}/channels`);
    const card = page.getByTestId('channel-whatsapp');
    await card.getByText('Conectar / editar').click();
    await card.getByLabel('Nombre para mostrar').fill('Recepción Del Valle');
    await card.getByLabel('Token de acceso').fill(newToken);
    await card.getByRole('button', { name: 'Guardar' }).click();
    await card.getByTestId('form-notice').waitFor();
    expect(await card.getByTestId('form-notice').textContent()).toContain('Guardado');
    // The typed secret does not even stay in the form after saving.
    await expect(card.getByLabel('Token de acceso').inputValue()).resolves.toBe('');
    await page.reload();
    await expect(page.getByTestId('whatsapp-access-token').textContent()).resolves.toBe('••••9876');
    await expect(
      page.getByTestId('channel-whatsapp').getByText('Recepción Del Valle').isVisible(),
    ).resolves.toBe(true);
    await page.getByTestId('channel-whatsapp').getByText('Conectar / editar').click();
    await expect(
      page.getByTestId('channel-whatsapp').getByLabel('Token de acceso').inputValue(),
    ).resolves.toBe('');
    const html = await page.content();
    expect(html).not.toContain(newToken);
    expect(html).not.toContain('SECRET-9876');
    expect(html).not.toContain(demoTenant.metaAppSecret);
    expect(html).not.toMatch(/v[12]:[A-Za-z0-9+/=]+:/);
    await shot('03-channels');
    const stored = await test.pool.query(
      "select access_token_encrypted, display_name from channel_connections where channel = 'whatsapp' and tenant_id = (select id from tenants where slug = $1)",
      [slug],
    );
    expect(stored.rows[0].display_name).toBe('Recepción Del Valle');
    expect(stored.rows[0].access_token_encrypted).toMatch(/^v2:/);
    expect(stored.rows[0].access_token_encrypted).not.toContain('9876');
  });

  it('sends a signed test through the real webhook route', async () => {
    const card = page.getByTestId('channel-whatsapp');
    await card.getByRole('button', { name: 'Enviar prueba firmada' }).click();
    await expect(card.getByTestId('form-notice').first().textContent()).resolves.toContain(
      'respuesta HTTP 200',
    );
    await page.reload();
    await expect(page.getByRole('cell', { name: 'accepted' }).first().isVisible()).resolves.toBe(true);
  });

  it('shows token health: a permission 5 days from expiry warns, one Meta refused says how to fix it', async () => {
    // What the token_health job leaves behind (its checks are tested against Graph fakes in
    // tests/token-health/); token_checked_at set, so the new-token trigger does not enqueue one.
    await test.pool.query(
      `update channel_connections set mode = 'live', token_checked_at = now(),
         token_expires_at = now() + interval '5 days', token_scopes = array['pages_messaging'],
         last_inbound_at = now() - interval '3 hours', last_send_ok_at = now() - interval '2 hours'
       where channel = 'facebook' and tenant_id = (select id from tenants where slug = $1)`,
      [slug],
    );
    await test.pool.query(
      `update channel_connections set mode = 'live', token_checked_at = now(), status = 'needs_reauth',
         last_error = 'Meta debug_token 190/463: Session has expired on Saturday, 05-Dec-26 10:00:00 PST.'
       where channel = 'instagram' and tenant_id = (select id from tenants where slug = $1)`,
      [slug],
    );
    await open(`/t/${slug}/channels`);
    const banner = page.getByTestId('connection-health-banner');
    await expect(banner.getByTestId('banner-facebook-expiring').textContent()).resolves.toMatch(
      /^Messenger: el permiso de conexión con Facebook vence el \d+ de [a-z]+ \(quedan 5 días\)/,
    );
    await expect(banner.getByTestId('banner-instagram-reauth').textContent()).resolves.toContain(
      'Instagram dejó de funcionar',
    );
    await expect(banner.textContent()).resolves.toContain('Cómo resolverlo');
    await expect(page.getByTestId('facebook-token-expiry').textContent()).resolves.toMatch(
      /\(quedan 5 días\)$/,
    );
    await expect(page.getByTestId('instagram-reauth-hint').isVisible()).resolves.toBe(true);
    await expect(page.getByTestId('instagram-token-expiry').textContent()).resolves.toBe(
      'Ya no es válido: hay que volver a conectar el canal',
    );
    await expect(page.getByTestId('channel-instagram').textContent()).resolves.toContain('190/463');
    await shot('03b-token-health');
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await shot('phone-token-health');
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
    // Every page carries the banner, not only Canales.
    await open(`/t/${slug}/inbox`);
    await expect(page.getByTestId('connection-health-banner').isVisible()).resolves.toBe(true);
  });

  it('changes the AI prompt and tries it', async () => {
    await open(`/t/${slug}/ai`);
    const prompt = page.getByLabel('Instrucciones para la IA');
    const changed = `${await prompt.inputValue()} Despídete siempre con "¡Sonríe!".`;
    await prompt.fill(changed);
    const voice = page.getByRole('form', { name: 'Cómo habla tu negocio' });
    await voice.getByRole('button', { name: 'Guardar esta sección' }).click();
    await voice.getByTestId('form-notice').waitFor();
    await page.reload();
    await expect(page.getByLabel('Instrucciones para la IA').inputValue()).resolves.toBe(changed);
    await page.getByLabel('Escribe como si fueras un cliente').fill('¿Qué formas de pago aceptan?');
    await page.getByRole('button', { name: 'Enviar', exact: true }).click();
    const answer = page.getByTestId('ai-test-reply').last();
    await answer.waitFor();
    expect(await answer.textContent()).toContain('tarjeta de débito y crédito');
    await shot('04-ai');
    const saved = await test.pool.query(
      'select system_prompt from ai_tenant_context where tenant_id = (select id from tenants where slug = $1)',
      [slug],
    );
    expect(saved.rows[0].system_prompt).toBe(changed);
  });

  it('simulates a WhatsApp customer: the reply arrives in the sandbox outbox and the score moves', async () => {
    await open(`/t/${slug}/simulator?channel=whatsapp&from=${customerId}`);
    await page.getByLabel('Mensaje').fill('Hola, me interesa una limpieza dental, ¿cuánto cuesta?');
    await page.getByRole('button', { name: 'Enviar como cliente' }).click();
    await expect(page.getByTestId('form-notice').textContent()).resolves.toContain('HTTP 200');
    const reply = page.locator('[data-testid=simulator-message][data-sender=ai]');
    await reply
      .first()
      .waitFor({ timeout: 30_000 })
      .catch((error) => {
        throw new Error(`${error}\n${failureContext()}`);
      });
    expect(await reply.first().textContent()).toContain('MXN 800');
    // The reply shows before its send job has run; the outbox label follows once it has.
    await reply.first().getByText('Buzón sandbox').waitFor({ timeout: 30_000 });
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid=simulator-score]')?.textContent) > 50,
      undefined,
      { timeout: 15_000 },
    );
    await shot('05-simulator');
    const outbox = await test.pool.query('select recipient from outbox_messages where recipient = $1', [
      customerId,
    ]);
    expect(outbox.rows).toHaveLength(1);
  });

  it('shows the lead with its score history', async () => {
    await open(`/t/${slug}/leads`);
    await shot('06-leads');
    await page.getByTestId('lead-row').filter({ hasText: 'MXN 800' }).first().getByRole('link').click();
    await page.waitForURL(/\/leads\/[0-9a-f-]{36}$/);
    await page.getByTestId('score-event').first().waitFor();
    expect(await page.getByTestId('score-event').first().textContent()).toMatch(/interesado/);
    await shot('07-lead');
  });

  it('takes over, replies as a person through the send job, and hands back to the AI', async () => {
    await open(`/t/${slug}/inbox?status=open&channel=whatsapp`);
    await shot('08-inbox');
    await page.getByTestId('inbox-item').filter({ hasText: 'MXN 800' }).first().click();
    await page.waitForURL(/\/inbox\/[0-9a-f-]{36}$/);
    await page.getByRole('button', { name: 'Tomar la conversación' }).click();
    await page.getByText('Atiende: Persona').waitFor();
    // Past WhatsApp's 24 h the box says why and offers message templates instead of free text
    // (tests/e2e/templates.test.ts sends one; the SQL refusal of free text is in tests/templates/).
    const conversationId = page.url().split('/').at(-1)!;
    const setLastInbound = (interval: string) =>
      test.pool.query('update conversations set last_inbound_at = now() - $2::interval where id = $1', [
        conversationId,
        interval,
      ]);
    await setLastInbound('25 hours');
    await page.reload();
    expect(await page.getByTestId('reply-window').textContent()).toContain(
      'solo plantillas de mensaje aprobadas',
    );
    expect(await page.getByTestId('template-reply').count()).toBe(1);
    expect(await page.getByLabel('Tu respuesta').count()).toBe(0);
    await shot('09a-reply-refused');
    await setLastInbound('1 minute');
    await page.reload();
    expect(await page.getByTestId('reply-window').count()).toBe(0);
    await page.getByLabel('Tu respuesta').fill('Hola, soy Ana de recepción. ¿Te agendo mañana a las 10?');
    await page.getByRole('button', { name: 'Enviar', exact: true }).click();
    const replyNotice = page.getByRole('form', { name: 'Responder como persona' }).getByTestId('form-notice');
    await replyNotice.waitFor();
    expect(await replyNotice.textContent()).toContain('Respuesta en cola');
    const human = page.locator('[data-testid=message][data-sender=human]');
    await human.first().waitFor();
    expect(await human.first().textContent()).toContain(demoTenant.ownerEmail);
    // What Vercel Cron / the local scheduler would do: run the queue, which sends the reply.
    const processed = await fetch(`${app.baseUrl}/api/jobs/process`, {
      method: 'POST',
      headers: { authorization: `Bearer ${cronSecret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ max_jobs: 10 }),
    });
    expect(processed.status).toBe(200);
    await human.first().getByText('Enviado').waitFor({ timeout: 15_000 });
    await shot('09-thread-human');
    await page.getByRole('button', { name: 'Devolver a la IA' }).click();
    await page.getByText('Atiende: IA').waitFor();
    // A sentence says what handing back means, not just the word "IA".
    await page.getByText('la IA vuelve a atender a este cliente').waitFor();
    await shot('09b-handed-back');
  });

  it('retries a failed job', async () => {
    const { rows } = await test.pool.query(
      `insert into jobs (tenant_id, job_type, payload, status, attempts, max_attempts, error_message)
       values ((select id from tenants where slug = $1), 'send_whatsapp', '{}', 'failed', 5, 5,
               'Graph API 131047: more than 24 hours since the customer last replied')
       returning id`,
      [slug],
    );
    await open(`/t/${slug}/queue`);
    const failed = page.getByTestId('failed-job');
    await failed.first().waitFor();
    expect(await failed.first().textContent()).toContain('131047');
    // Said in words first; the technical detail follows.
    expect(await failed.first().textContent()).toContain('No se pudo: enviar mensajes por WhatsApp.');
    await shot('10-queue');
    await failed.first().getByRole('button', { name: 'Reintentar' }).click();
    await page.getByText('Todo se hizo bien.').waitFor();
    const job = await test.pool.query('select status, attempts from jobs where id = $1', [rows[0].id]);
    expect(job.rows[0]).toEqual({ status: 'pending', attempts: 0 });
  });

  it('leaves the simulated customer out of the overview (test traffic, issue 18 §5)', async () => {
    await open(`/t/${slug}`);
    const messages = page.getByRole('region', { name: 'Mensajes de hoy por canal' });
    await expect(messages.getByText('Todavía no hay mensajes hoy.').isVisible()).resolves.toBe(true);
    await expect(page.getByText('Sin respuestas de la IA en los últimos 7 días.').isVisible()).resolves.toBe(
      true,
    );
    await shot('11-overview-today');
  });

  it('switches to English', async () => {
    await page.getByRole('button', { name: 'en', exact: true }).click();
    await page.getByRole('heading', { name: 'Today at a glance' }).waitFor();
    await shot('12-overview-english');
    await page.getByRole('button', { name: 'es', exact: true }).click();
    await page.getByRole('heading', { name: 'Resumen de hoy' }).waitFor();
  });

  it('never shows another tenant, by URL or by id', async () => {
    const other = await test.pool.query(
      `with t as (select id from tenants where slug = 'otro-negocio'),
         l as (insert into leads (tenant_id, origin_channel, name) select id, 'whatsapp', 'Secreto' from t returning id, tenant_id)
       insert into conversations (tenant_id, lead_id, channel) select tenant_id, id, 'whatsapp' from l returning id, lead_id`,
    );
    const response = await page.goto(`${app.baseUrl}/t/otro-negocio`);
    expect(response?.status(), failureContext()).toBe(404);
    for (const target of [`/inbox/${other.rows[0].id}`, `/leads/${other.rows[0].lead_id}`]) {
      const forged = await page.goto(`${app.baseUrl}/t/${slug}${target}`);
      expect(forged?.status(), failureContext()).toBe(404);
      expect(await page.content()).not.toContain('Secreto');
    }
    await shot('13-not-found');
  });

  it('every page passes axe-core’s WCAG 2.2 A/AA checks (labels, names, contrast), in both languages', async () => {
    const conversation = await test.pool.query(
      `select c.id, c.lead_id from conversations c join tenants t on t.id = c.tenant_id
       where t.slug = $1 order by c.created_at limit 1`,
      [slug],
    );
    const pages = [
      '',
      '/inbox',
      `/inbox/${conversation.rows[0].id}`,
      '/leads',
      `/leads/${conversation.rows[0].lead_id}`,
    ];
    pages.push('/channels', '/ai', '/queue', '/simulator');
    // The audit itself works: an unlabelled field is caught.
    await page.setContent('<html lang="es"><title>t</title><main><input type="text"></main></html>');
    expect((await axeViolations(page)).map((violation) => violation.id)).toContain('label');
    const found: Record<string, AxeViolation[]> = {};
    for (const target of pages) {
      await open(`/t/${slug}${target}`);
      const violations = await axeViolations(page);
      if (violations.length > 0) found[target || '/'] = violations;
    }
    await open(`/t/${slug}/inbox`);
    await page.getByRole('button', { name: 'en', exact: true }).click();
    await page.getByRole('heading', { name: 'Inbox' }).waitFor();
    const english = await axeViolations(page);
    if (english.length > 0) found['/inbox (en)'] = english;
    await page.getByRole('button', { name: 'es', exact: true }).click();
    await page.getByRole('heading', { name: 'Bandeja de entrada' }).waitFor();
    expect(found).toEqual({});
  });

  it('every page on a 390×844 phone, saved as phone-*.png to be looked at', async () => {
    const conversation = await test.pool.query(
      `select c.id, c.lead_id from conversations c join tenants t on t.id = c.tenant_id
       where t.slug = $1 order by c.created_at limit 1`,
      [slug],
    );
    const pages: [string, string][] = [
      ['overview', ''],
      ['inbox', '/inbox'],
      ['thread', `/inbox/${conversation.rows[0].id}`],
      ['leads', '/leads'],
      ['lead', `/leads/${conversation.rows[0].lead_id}`],
      ['channels', '/channels'],
      ['ai', '/ai'],
      ['queue', '/queue'],
      ['simulator', '/simulator'],
    ];
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      for (const [name, target] of pages) {
        await open(`/t/${slug}${target}`);
        await shot(`phone-${name}`);
      }
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  it('signs out', async () => {
    await open(`/t/${slug}`);
    await page.getByRole('button', { name: 'Cerrar sesión' }).click();
    await page.waitForURL(/\/login$/);
    await open(`/t/${slug}/inbox`);
    await page.waitForURL(/\/login$/);
  });

  it('the browser reported no CSP violation on any page', () => {
    expect(cspViolations).toEqual([]);
  });
});

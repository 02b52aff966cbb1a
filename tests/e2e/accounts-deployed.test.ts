import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getEnv } from '@/src/env';
import type { FakeEmail } from '../dashboard/fake-supabase-auth';
import { createTenantWithStaff } from '../support/staff';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { axeViolations } from './axe-audit';
import { isNonceScriptSrc, scriptSrc, watchCspViolations } from './csp-watch';
import { buildApp, type RunningApp, startApp } from './dashboard-app';
import { launchChromium } from './launch-chromium';
import { type ServedFakeAuth, serveFakeSupabaseAuth } from './serve-fake-supabase-auth';

// The deployed accounts paths in headless Chromium against the built app in production mode,
// with Supabase Auth played by its fake over real HTTP: the owner invites by email → the
// invited person opens the emailed link → sets a password → accepts → works in the dashboard;
// the owner removes them and they lose the business; a forgotten password is reset by email.
// Each person is a separate browser context (their own cookies). Screenshots (desktop and a
// 390×844 phone) land in tests/e2e/screenshots/.

const screenshots = path.resolve(import.meta.dirname, 'screenshots');
const slug = 'clinica-sol';
const ownerPassword = 'clave del dueño 2026';
const anonKey = 'sb_publishable_e2e';
const serviceRoleKey = randomBytes(24).toString('hex');
let test: TestDatabase;
let fake: ServedFakeAuth;
let app: RunningApp;
let browser: Browser;
let ownerEmail: string;

async function shot(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: path.join(screenshots, `deployed-${name}-desktop.png`), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: path.join(screenshots, `deployed-${name}-phone.png`), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
}

// Every page any person opens is watched for CSP violations; none may happen.
const cspViolations: string[][] = [];

async function person(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'es-MX' });
  const page = await context.newPage();
  cspViolations.push(await watchCspViolations(page));
  return { context, page };
}

/** The link in the email, as supabase/templates/*.html build it from RedirectTo and TokenHash. */
function emailLink(mail: FakeEmail): string {
  return `${mail.redirectTo}&token_hash=${mail.tokenHash}&type=${mail.type}`;
}

function lastMailTo(email: string): FakeEmail {
  const mail = fake.auth.mailbox.findLast((m) => m.to === email);
  if (!mail) throw new Error(`no email to ${email}`);
  return mail;
}

async function signIn(page: Page, email: string, password: string): Promise<void> {
  const response = await page.goto(`${app.baseUrl}/login`);
  expect(isNonceScriptSrc(scriptSrc(response))).toBe(true);
  await page.getByLabel('Correo electrónico').first().fill(email);
  await page.getByLabel('Contraseña', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Entrar', exact: true }).click();
}

async function setNewPassword(page: Page, password: string): Promise<void> {
  await page.getByLabel('Contraseña nueva').fill(password);
  await page.getByLabel('Repite la contraseña').fill(password);
  await page.getByRole('button', { name: 'Guardar contraseña' }).click();
}

beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  test = await createTestDatabase({ installAsAppDb: false });
  fake = await serveFakeSupabaseAuth({ anonKey, serviceRoleKey, pool: test.pool });
  const owner = await createTenantWithStaff(test, slug);
  ownerEmail = `owner@${slug}.example`;
  fake.auth.addUser({
    id: owner.userId,
    email: ownerEmail,
    password: ownerPassword,
    email_confirmed_at: '2026-01-01T00:00:00Z',
  });
  buildApp();
  app = await startApp((baseUrl) => ({
    APP_MODE: 'production',
    APP_BASE_URL: baseUrl,
    DATABASE_URL: test.url,
    NEXT_PUBLIC_SUPABASE_URL: fake.url,
    NEXT_PUBLIC_SUPABASE_ANON_KEY: anonKey,
    SUPABASE_SERVICE_ROLE_KEY: serviceRoleKey,
    ENCRYPTION_KEY: getEnv().ENCRYPTION_KEY!,
    CRON_SECRET: randomBytes(24).toString('hex'),
  }));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  app?.stop();
  await fake?.close();
  await test?.drop();
});

describe('deployed accounts in the browser', () => {
  const invitedEmail = 'recepcion@clinica-sol.mx';
  let invitePath: string;

  it('the owner signs in with a password and invites a person by email', async () => {
    const { page } = await person();
    await signIn(page, ownerEmail, ownerPassword);
    await page.waitForURL(new RegExp(`/t/${slug}$`));
    await page.goto(`${app.baseUrl}/t/${slug}/team`);
    await page.getByLabel('Correo electrónico').fill(invitedEmail);
    await page.getByLabel('Rol', { exact: true }).selectOption('agent');
    await page.getByRole('button', { name: 'Invitar' }).click();
    const notice = page.getByTestId('form-notice');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('Le enviamos la invitación por correo.');
    invitePath = new URL(lastMailTo(invitedEmail).redirectTo!).searchParams.get('next')!;
    expect(invitePath).toMatch(/^\/invite\/[A-Za-z0-9_-]{43}$/);
    expect(lastMailTo(invitedEmail).type).toBe('invite');
    // The long invitation link wraps: nothing pushes the page wider than a phone.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(page, '01-invited');
  });

  it('the invited person opens the email, sets a password, accepts and reaches the dashboard', async () => {
    const { page } = await person();
    await page.goto(emailLink(lastMailTo(invitedEmail)));
    await page.waitForURL(/\/auth\/set-password\?purpose=invite/);
    await expect(page.getByText(`Para la cuenta ${invitedEmail}`).count()).resolves.toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, '02-set-password');
    await setNewPassword(page, 'corta');
    await page.getByTestId('form-error').waitFor();
    expect(await page.getByTestId('form-error').textContent()).toContain('al menos 10 caracteres');
    await setNewPassword(page, 'mi clave de recepción');
    await page.waitForURL((url) => url.pathname === invitePath);
    await expect(page.getByText('Te invitaron a').textContent()).resolves.toContain('Agente');
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, '03-accept');
    await page.getByRole('button', { name: 'Aceptar y entrar' }).click();
    await page.waitForURL(new RegExp(`/t/${slug}$`));
    await shot(page, '04-dashboard');
    // The same emailed link does not work twice.
    const again = await person();
    await again.page.goto(emailLink(lastMailTo(invitedEmail)));
    await again.page.waitForURL(/\/login\?error=link/);
  });

  it('the owner sees the new member and removes them; they lose the business', async () => {
    const owner = await person();
    await signIn(owner.page, ownerEmail, ownerPassword);
    await owner.page.waitForURL(new RegExp(`/t/${slug}$`));
    await owner.page.goto(`${app.baseUrl}/t/${slug}/team`);
    const member = owner.page.getByTestId('team-member').filter({ hasText: invitedEmail });
    await expect(member.count()).resolves.toBe(1);
    await expect(owner.page.getByTestId('pending-invitation').count()).resolves.toBe(0);
    await member.getByText('Quitar del equipo', { exact: true }).click();
    await expect(member.getByText(`${invitedEmail} dejará de ver este negocio`).count()).resolves.toBe(1);
    await shot(owner.page, '05a-remove-confirm');
    await member.getByRole('button', { name: 'Sí, quitar del equipo' }).click();
    await member.waitFor({ state: 'detached' });
    await shot(owner.page, '05-removed');

    const removed = await person();
    await signIn(removed.page, invitedEmail, 'mi clave de recepción');
    await removed.page.waitForURL(/\/t$/);
    await removed.page.getByText('Tu cuenta todavía no pertenece a ningún negocio').waitFor();
    const direct = await removed.page.goto(`${app.baseUrl}/t/${slug}`);
    expect(direct?.status()).toBe(404);
    expect(await removed.page.getByText('Tenant clinica-sol').count()).toBe(0);
    await shot(removed.page, '05b-removed-person');
  });

  it('a forgotten password is reset from an emailed link opened in the same browser', async () => {
    const { page } = await person();
    await page.goto(`${app.baseUrl}/login`);
    await page.getByRole('link', { name: '¿Olvidaste tu contraseña?' }).click();
    await page.waitForURL(/\/auth\/reset$/);
    await page.getByLabel('Correo electrónico').fill(ownerEmail);
    await page.getByRole('button', { name: 'Enviarme el enlace' }).click();
    await page.getByTestId('form-notice').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, '06-reset-sent');
    const mail = lastMailTo(ownerEmail);
    expect(mail.type).toBe('recovery');

    // Opened in another browser, the link signs nobody in (it is bound to the one that asked).
    const other = await person();
    await other.page.goto(emailLink(mail));
    await other.page.waitForURL(/\/login\?error=link_browser/);

    await page.goto(emailLink(mail));
    await page.waitForURL(/\/auth\/set-password\?purpose=reset/);
    await setNewPassword(page, 'una clave nueva y larga');
    await page.waitForURL(new RegExp(`/t/${slug}$`));

    const later = await person();
    await signIn(later.page, ownerEmail, ownerPassword);
    await later.page.getByText('Correo o contraseña incorrectos.').waitFor();
    await signIn(later.page, ownerEmail, 'una clave nueva y larga');
    await later.page.waitForURL(new RegExp(`/t/${slug}$`));
  });

  it("an attacker's early sign-up with a future staff address gets nothing; its real owner gets in", async () => {
    const futureEmail = 'futura@clinica-sol.mx';
    const attacker = await person();
    await attacker.page.goto(`${app.baseUrl}/signup`);
    await attacker.page.getByLabel('Correo electrónico').fill(futureEmail);
    await attacker.page.getByLabel('Contraseña (al menos 10 caracteres)').fill('clave del atacante');
    await attacker.page.getByLabel('Nombre del negocio').fill('Trampa');
    await attacker.page.getByRole('button', { name: 'Crear cuenta y negocio' }).click();
    await attacker.page.getByTestId('form-notice').waitFor();
    // The confirmation email goes to the address, which the attacker cannot read.
    expect(lastMailTo(futureEmail).type).toBe('signup');

    const owner = await person();
    await signIn(owner.page, ownerEmail, 'una clave nueva y larga');
    await owner.page.waitForURL(new RegExp(`/t/${slug}$`));
    await owner.page.goto(`${app.baseUrl}/t/${slug}/team`);
    await owner.page.getByLabel('Correo electrónico').fill(futureEmail);
    await owner.page.getByRole('button', { name: 'Invitar' }).click();
    const notice = owner.page.getByTestId('form-notice');
    await notice.waitFor();
    const invitation = (await notice.textContent())?.match(/\/invite\/[A-Za-z0-9_-]{43}/)?.[0];
    expect(invitation).toBeTruthy();

    // The attacker knows the password of an account nobody confirmed: no session, no business.
    await signIn(attacker.page, futureEmail, 'clave del atacante');
    await attacker.page.getByText('Primero confirma tu correo').waitFor();
    await shot(attacker.page, '07-attacker-unconfirmed');
    const peek = await attacker.page.goto(`${app.baseUrl}${invitation}`);
    expect(peek?.status()).toBe(200);
    await expect(attacker.page.getByRole('button', { name: 'Aceptar y entrar' }).count()).resolves.toBe(0);

    // The real person resets the password from their own inbox, which also confirms the address.
    const real = await person();
    await real.page.goto(`${app.baseUrl}/auth/reset`);
    await real.page.getByLabel('Correo electrónico').fill(futureEmail);
    await real.page.getByRole('button', { name: 'Enviarme el enlace' }).click();
    await real.page.getByTestId('form-notice').waitFor();
    await real.page.goto(emailLink(lastMailTo(futureEmail)));
    await real.page.waitForURL(/\/auth\/set-password\?purpose=reset/);
    await setNewPassword(real.page, 'la clave de la persona real');
    await real.page.goto(`${app.baseUrl}${invitation}`);
    await real.page.getByRole('button', { name: 'Aceptar y entrar' }).click();
    await real.page.waitForURL(new RegExp(`/t/${slug}$`));

    await signIn(attacker.page, futureEmail, 'clave del atacante');
    await attacker.page.getByText('Correo o contraseña incorrectos.').waitFor();
  });

  it('no page any of these people opened reported a CSP violation', () => {
    expect(cspViolations.length).toBeGreaterThan(5);
    expect(cspViolations.flat()).toEqual([]);
  });
});

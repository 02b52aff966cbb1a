import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getEnv } from '@/src/env';
import { demoTenant } from '@/src/tenants/demo-tenant';
import { seedDemoTenant } from '@/src/tenants/seed-demo-tenant';
import { seedInbox } from '../dashboard/seed-inbox';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { axeViolations } from './axe-audit';
import { watchCspViolations } from './csp-watch';
import { buildApp, type RunningApp, startApp } from './dashboard-app';
import { launchChromium } from './launch-chromium';

// Attaching a photo in the reply box (issue 16 §3) in headless Chromium: the file is picked, a
// preview and the caption field show, the upload reports its progress (the upload is throttled so
// the bar is seen), the file is queued and delivered to the demo tenant's sandbox outbox by id.
// A program renamed .jpg is refused with a plain Spanish message. Screenshots desktop and
// 390×844 in tests/e2e/screenshots/.

const screenshots = path.resolve(import.meta.dirname, 'screenshots');
const slug = demoTenant.slug;
let test: TestDatabase;
let app: RunningApp;
let browser: Browser;
let page: Page;
let cspViolations: string[];
let dataDir: string;
let conversationId = '';
let tenantId = '';

// A real PNG (the app icon) made about 1.5 MB by trailing bytes image decoders ignore, so a
// throttled upload takes long enough to watch.
const photo = Buffer.concat([
  readFileSync(path.resolve(import.meta.dirname, '../../public/icon-512.png')),
  randomBytes(1_500_000),
]);

async function shot(name: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: path.join(screenshots, `media-send-${name}-desktop.png`), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: path.join(screenshots, `media-send-${name}-phone.png`), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
}

beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  dataDir = mkdtempSync(path.join(tmpdir(), 'media-send-e2e-'));
  test = await createTestDatabase({ installAsAppDb: false });
  const key = getEnv().ENCRYPTION_KEY!;
  await seedDemoTenant(test.db, { appMode: 'local', encryptionKey: key });
  await test.db.rpc('admin_seed_staff_member', {
    p_tenant_slug: slug,
    p_email: demoTenant.ownerEmail,
    p_role: 'owner',
  });
  tenantId = (await test.pool.query('select id from tenants where slug = $1', [slug])).rows[0].id;
  // Escalated: a person handles it, so the reply box is open.
  const seeded = await seedInbox(test, tenantId, {
    name: 'Lucía Méndez',
    text: '¿Me manda la foto del consultorio?',
    escalated: true,
  });
  conversationId = seeded.conversationId;
  buildApp();
  app = await startApp({
    APP_MODE: 'local',
    DATABASE_URL: test.url,
    ENCRYPTION_KEY: key,
    CRON_SECRET: randomBytes(24).toString('hex'),
    DATA_DIR: dataDir,
  });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'es-MX' });
  cspViolations = await watchCspViolations(page);
});

afterAll(async () => {
  await browser?.close();
  app?.stop();
  await test?.drop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function signIn(): Promise<void> {
  await page.goto(`${app.baseUrl}/t/${slug}`);
  await page.waitForURL(/\/login$/);
  await page.getByLabel('Correo electrónico').fill(demoTenant.ownerEmail);
  await page.getByRole('button', { name: 'Entrar como este miembro' }).click();
  await page.waitForURL(new RegExp(`/t/${slug}$`));
}

describe('attaching a photo in the reply box', () => {
  it('shows a preview, reports upload progress, and queues the photo with its caption', async () => {
    await signIn();
    await page.goto(`${app.baseUrl}/t/${slug}/inbox/${conversationId}`);
    const panel = page.getByTestId('attach-file');
    await panel.getByText('Adjuntar foto o documento').click();
    await expect(panel.textContent()).resolves.toContain('fotos JPG o PNG hasta 5 MB');
    await page
      .getByTestId('attach-input')
      .setInputFiles({ name: 'consultorio.png', mimeType: 'image/png', buffer: photo });
    await page.getByTestId('attach-chosen').waitFor();
    await expect(page.getByTestId('attach-chosen').textContent()).resolves.toContain('consultorio.png');
    await page.getByLabel('Texto que acompaña al archivo (opcional)').fill('Así es nuestro consultorio');
    expect(await axeViolations(page)).toEqual([]);
    await shot('01-chosen');

    // About 3 seconds for the upload: the progress bar shows meanwhile.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: 500_000,
    });
    await page.getByTestId('attach-send').click();
    const progress = page.getByRole('progressbar');
    await progress.waitFor({ timeout: 5000 });
    await expect(progress.textContent()).resolves.toMatch(/Subiendo el archivo… \d+%/);
    await page.screenshot({ path: path.join(screenshots, 'media-send-02-uploading-desktop.png') });
    await page.getByTestId('attach-status').waitFor({ timeout: 30_000 });
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    await expect(page.getByTestId('attach-status').textContent()).resolves.toContain('Archivo en cola');

    const { rows } = await test.pool.query(
      `select m.id, m.message_type, m.text, m.sender, f.status, f.mime_type, f.byte_size, f.storage_path
         from messages m join media_files f on f.message_id = m.id
        where m.conversation_id = $1 and m.direction = 'outbound' and m.sender = 'human'`,
      [conversationId],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      message_type: 'image',
      text: 'Así es nuestro consultorio',
      status: 'stored',
      mime_type: 'image/png',
      byte_size: String(photo.length),
    });
    // The demo tenant's WhatsApp is a sandbox: the outbox keeps the send, by id, with its caption.
    const deadline = Date.now() + 20_000;
    let outbox: { request: { body: Record<string, unknown> } } | undefined;
    while (!outbox && Date.now() < deadline) {
      outbox = (
        await test.pool.query('select request from outbox_messages where message_id = $1', [rows[0].id])
      ).rows[0];
      if (!outbox) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(outbox?.request.body).toMatchObject({
      type: 'image',
      image: { id: expect.stringMatching(/^sandbox-media-/), caption: 'Así es nuestro consultorio' },
    });
    await page.reload();
    await shot('03-queued');
  });

  it('refuses a program renamed .jpg with a plain message, and stores nothing', async () => {
    await page.goto(`${app.baseUrl}/t/${slug}/inbox/${conversationId}`);
    const before = (
      await test.pool.query('select count(*)::int as n from media_files where tenant_id = $1', [tenantId])
    ).rows[0].n;
    await page.getByTestId('attach-file').getByText('Adjuntar foto o documento').click();
    await page.getByTestId('attach-input').setInputFiles({
      name: 'foto.jpg',
      mimeType: 'image/jpeg',
      buffer: Buffer.concat([Buffer.from('MZ'), randomBytes(20_000)]),
    });
    await page.getByTestId('attach-send').click();
    await page.getByTestId('attach-error').waitFor();
    await expect(page.getByTestId('attach-error').textContent()).resolves.toContain(
      'Este tipo de archivo no se puede enviar',
    );
    const after = (
      await test.pool.query('select count(*)::int as n from media_files where tenant_id = $1', [tenantId])
    ).rows[0].n;
    expect(after).toBe(before);
    await shot('04-refused');
    expect(cspViolations).toEqual([]);
  });
});

import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getEnv } from '@/src/env';
import { demoTenant } from '@/src/tenants/demo-tenant';
import { seedDemoTenant } from '@/src/tenants/seed-demo-tenant';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { axeViolations } from './axe-audit';
import { watchCspViolations } from './csp-watch';
import { buildApp, type RunningApp, startApp } from './dashboard-app';
import { launchChromium } from './launch-chromium';
import { signInLocally } from './local-dashboard';

// Files customers sent, in the conversation: a photo as a thumbnail that opens full size, a
// voice note with a player, a document link with name and size, and the files that could not
// be kept saying why. Stored under the app's DATA_DIR/media and served by the media route.
// Screenshots (desktop and a 390×844 phone) land in tests/e2e/screenshots/.

const screenshots = path.resolve(import.meta.dirname, 'screenshots');
const slug = demoTenant.slug;
let test: TestDatabase;
let app: RunningApp;
let browser: Browser;
let page: Page;
let cspViolations: string[];
let dataDir: string;
let conversationId: string;
let imageId: string;

/** A solid-colour PNG with a stripe, made by hand (no image library). */
function png(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = y * (width * 3 + 1) + 1 + x * 3;
      const tooth = Math.hypot(x - width / 2, y - height / 2) < height / 3;
      rows.set(tooth ? [240, 240, 235] : [30, 60, 90], at);
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

async function shot(name: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: path.join(screenshots, `media-inbox-${name}-desktop.png`), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: path.join(screenshots, `media-inbox-${name}-phone.png`), fullPage: true });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${name} fits a 390 px phone`).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1280, height: 900 });
}

beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  dataDir = mkdtempSync(path.join(tmpdir(), 'media-e2e-'));
  test = await createTestDatabase({ installAsAppDb: false });
  const key = getEnv().ENCRYPTION_KEY!;
  await seedDemoTenant(test.db, { appMode: 'local', encryptionKey: key });
  const tenantId: string = (await test.pool.query('select id from tenants where slug = $1', [slug])).rows[0]
    .id;
  // One customer who sent five files, as the fetch_media job leaves them.
  const { rows } = await test.pool.query(
    `with l as (
       insert into leads (tenant_id, origin_channel, name, last_message_at)
       values ($1, 'whatsapp', 'Marta Archivos', now()) returning id),
     c as (
       insert into conversations (tenant_id, lead_id, channel, last_message_at, last_inbound_at, handled_by)
       select $1, l.id, 'whatsapp', now(), now(), 'human' from l returning id, lead_id),
     m as (
       insert into messages (tenant_id, conversation_id, lead_id, channel, direction, sender, message_type, text,
         created_at)
       select $1, c.id, c.lead_id, 'whatsapp', 'inbound', 'lead', x.kind, x.text,
         now() - (6 - x.n) * interval '1 minute'
       from c, (values (1, 'image', '[Imagen] Así se ve mi muela'), (2, 'audio', '[Nota de voz]'),
         (3, 'document', '[Documento] presupuesto.pdf'), (4, 'image', '[Imagen]'),
         (5, 'document', '[Documento] estudios.pdf')) as x(n, kind, text)
       returning id, conversation_id, message_type, text)
     select id, conversation_id, message_type, text from m`,
    [tenantId],
  );
  conversationId = rows[0].conversation_id;
  const byText = (text: string) => rows.find((row) => row.text === text).id as string;
  const files = await test.pool.query(
    `insert into media_files (tenant_id, message_id, direction, kind, mime_type, byte_size, filename, status,
       failure_reason, storage_path)
     values
       ($1, $2, 'inbound', 'image', 'image/png', null, null, 'stored', null, 'x'),
       ($1, $3, 'inbound', 'audio', 'audio/ogg', null, null, 'stored', null, 'x'),
       ($1, $4, 'inbound', 'document', 'application/pdf', 245760, 'presupuesto.pdf', 'stored', null, 'x'),
       ($1, $5, 'inbound', 'image', 'image/jpeg', null, null, 'unavailable',
         'el enlace del archivo caducó antes de descargarlo', null),
       ($1, $6, 'inbound', 'document', 'application/pdf', 105906176, 'estudios.pdf', 'refused',
         'Archivo demasiado grande (101 MB; máximo 100 MB)', null)
     returning id, kind, status`,
    [
      tenantId,
      byText('[Imagen] Así se ve mi muela'),
      byText('[Nota de voz]'),
      byText('[Documento] presupuesto.pdf'),
      byText('[Imagen]'),
      byText('[Documento] estudios.pdf'),
    ],
  );
  const bytes: Record<string, [Buffer, string]> = {
    image: [png(480, 320), 'image/png'],
    audio: [Buffer.from('OggS not really a voice note'), 'audio/ogg'],
    document: [Buffer.from('%PDF-1.4 presupuesto'), 'application/pdf'],
  };
  for (const file of files.rows.filter((row) => row.status === 'stored')) {
    const folder = path.join(dataDir, 'media', tenantId);
    mkdirSync(folder, { recursive: true });
    const [content, type] = bytes[file.kind]!;
    writeFileSync(path.join(folder, file.id), content);
    writeFileSync(path.join(folder, `${file.id}.type`), type);
    await test.pool.query('update media_files set storage_path = $2, byte_size = $3 where id = $1', [
      file.id,
      `${tenantId}/${file.id}`,
      content.length,
    ]);
    if (file.kind === 'image') imageId = file.id;
  }
  buildApp();
  app = await startApp({
    APP_MODE: 'local',
    DATABASE_URL: test.url,
    ENCRYPTION_KEY: key,
    DATA_DIR: dataDir,
    CRON_SECRET: randomBytes(24).toString('hex'),
  });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'es-MX' });
  cspViolations = await watchCspViolations(page);
  await signInLocally(page, app.baseUrl, slug, demoTenant.ownerEmail);
});

afterAll(async () => {
  await browser?.close();
  app?.stop();
  await test?.drop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('files in the conversation', () => {
  it('shows the photo, plays the voice note, links the document and says which files are missing', async () => {
    await page.goto(`${app.baseUrl}/t/${slug}/inbox/${conversationId}`);
    const image = page.getByTestId('media-image');
    await expect(image.count()).resolves.toBe(1);
    await image.scrollIntoViewIfNeeded();
    await page.waitForFunction(() => {
      const img = document.querySelector('[data-testid="media-image"]') as HTMLImageElement | null;
      return img?.complete && img.naturalWidth > 0;
    });
    await expect(image.evaluate((img) => (img as HTMLImageElement).naturalWidth)).resolves.toBe(480);
    // A tap opens the full size.
    await expect(page.locator('a:has([data-testid="media-image"])').getAttribute('href')).resolves.toBe(
      `/api/t/${slug}/media/${imageId}`,
    );
    await expect(page.getByTestId('media-audio').getAttribute('controls')).resolves.not.toBeNull();
    const documentLink = page.getByTestId('media-document');
    await expect(documentLink.textContent()).resolves.toContain('presupuesto.pdf');
    await expect(
      page.getByText('Archivo no disponible: el enlace del archivo caducó antes de descargarlo').isVisible(),
    ).resolves.toBe(true);
    await expect(
      page.getByText('Archivo demasiado grande (101 MB; máximo 100 MB)').isVisible(),
    ).resolves.toBe(true);
    await shot('thread');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('serves the document as a download, and nothing without a session', async () => {
    const href = await page.getByTestId('media-document').getAttribute('href');
    const response = await page.request.get(`${app.baseUrl}${href}`);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('application/pdf');
    expect(response.headers()['content-disposition']).toContain('attachment; filename="presupuesto.pdf"');
    expect(response.headers()['x-content-type-options']).toBe('nosniff');
    const anonymous = await fetch(`${app.baseUrl}${href}`, { redirect: 'manual' });
    expect(anonymous.status).toBe(401);
  });

  it('broke no content security rule', () => {
    expect(cspViolations).toEqual([]);
  });
});

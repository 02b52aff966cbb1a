import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { serveMediaFile } from '@/src/dashboard/media/serve-media-file';
import { getEnv, parseEnv } from '@/src/env';
import { fetchMediaHandler } from '@/src/jobs/handlers/fetch-media-handler';
import { purgeMediaHandler } from '@/src/jobs/handlers/purge-media-handler';
import type { JobHandler } from '@/src/jobs/job-types';
import { processJobs } from '@/src/jobs/process-jobs';
import { mediaPath } from '@/src/media/media-storage';
import { fakeSupabaseStorage } from '../support/fake-supabase-storage';
import { fakeWhatsappMedia } from '../support/fake-whatsapp-media';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import {
  base64Sha256,
  createMediaTenant,
  fileOfMessage,
  type MediaTenant,
  postWhatsappMedia,
  signedIn,
  whatsappToken,
} from './media-in-support';

// With Supabase configured the files live in its Storage's private bucket (MEDIA_BUCKET): the
// job uploads them with the service role key, the media route answers a redirect to a signed
// URL that lives MEDIA_SIGNED_URL_SECONDS, documents are signed for download, and retention
// deletes the bytes there. The fake speaks Storage's REST API (tests/support/fake-supabase-storage).

const graph = 'https://graph.test';
const supabase = 'https://proyecto.supabase.test';
const serviceKey = 'service-role-key-for-tests';
const server = setupServer();
const storage = fakeSupabaseStorage(supabase, 'archivos', serviceKey);
const env = parseEnv({
  APP_MODE: 'local',
  ENCRYPTION_KEY: getEnv().ENCRYPTION_KEY,
  LOG_LEVEL: 'error',
  GRAPH_API_BASE_URL: graph,
  NEXT_PUBLIC_SUPABASE_URL: supabase,
  SUPABASE_SERVICE_ROLE_KEY: serviceKey,
  MEDIA_BUCKET: 'archivos',
  MEDIA_SIGNED_URL_SECONDS: '60',
  RETENTION_MEDIA_DAYS: '90',
});
let test: TestDatabase;
let clinic: MediaTenant;

beforeAll(async () => {
  server.listen({ onUnhandledRequest: 'error' });
  test = await createTestDatabase();
  clinic = await createMediaTenant(test, env, 'clinica-nube');
});
afterEach(() => server.resetHandlers());
afterAll(async () => {
  server.close();
  await test.drop();
});

function run(handlers: readonly JobHandler[] = [fetchMediaHandler]) {
  return processJobs({
    db: test.db,
    env,
    handlers,
    maxJobs: 10,
    budgetMs: 20_000,
    concurrency: 1,
    jobTypes: handlers.map((handler) => handler.type),
  });
}

async function receive(mediaId: string, bytes: Buffer, type: 'image' | 'document', mimeType: string) {
  const fake = fakeWhatsappMedia(graph, whatsappToken);
  fake.media.set(mediaId, { bytes, mimeType });
  server.use(...fake.handlers, ...storage.handlers);
  const { wamid, posted } = postWhatsappMedia(clinic, {
    type,
    id: mediaId,
    mimeType,
    sha256: base64Sha256(bytes),
    ...(type === 'document' ? { filename: 'presupuesto.pdf' } : {}),
  });
  expect((await posted).status).toBe(200);
  await run();
  const [file] = await fileOfMessage(test, wamid);
  return file;
}

describe('Supabase Storage', () => {
  it('keeps the image in the private bucket and serves it through a short signed URL', async () => {
    const png = Buffer.from('\x89PNG\r\n\x1a\n una foto');
    const file = await receive('6000000000000001', png, 'image', 'image/png');
    expect(file.status).toBe('stored');
    const path = mediaPath(clinic.tenantId, file.id);
    expect(storage.objects.get(path)).toEqual({ bytes: png, contentType: 'image/png' });

    const response = await serveMediaFile(
      { tenantSlug: clinic.slug, fileId: file.id },
      { db: test.db, env, cookies: signedIn(env, clinic) },
    );
    expect(response.status).toBe(302);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    const location = new URL(response.headers.get('location')!);
    expect(location.origin + location.pathname).toBe(`${supabase}/storage/v1/object/sign/archivos/${path}`);
    const grant = storage.tokens.get(location.searchParams.get('token')!);
    expect(grant!.expiresAt - Date.now()).toBeLessThanOrEqual(60_000);
    const signed = await fetch(location);
    expect(Buffer.from(await signed.arrayBuffer())).toEqual(png);
    // The bucket is private: without the signed token nothing comes back.
    const bare = await fetch(`${supabase}/storage/v1/object/archivos/${path}`);
    expect(bare.ok).toBe(false);
  });

  it('signs documents for download under their name', async () => {
    const pdf = Buffer.from('%PDF-1.7 presupuesto');
    const file = await receive('6000000000000002', pdf, 'document', 'application/pdf');
    const response = await serveMediaFile(
      { tenantSlug: clinic.slug, fileId: file.id },
      { db: test.db, env, cookies: signedIn(env, clinic) },
    );
    const signed = await fetch(response.headers.get('location')!);
    expect(signed.headers.get('content-disposition')).toBe('attachment; filename="presupuesto.pdf"');
  });

  it('retention deletes the bytes from the bucket, and the bytes of deleted messages', async () => {
    server.use(...storage.handlers);
    const old = await receive('6000000000000003', Buffer.from('\xff\xd8\xff vieja'), 'image', 'image/jpeg');
    const gone = await receive(
      '6000000000000004',
      Buffer.from('\xff\xd8\xff borrada'),
      'image',
      'image/jpeg',
    );
    const kept = await receive('6000000000000005', Buffer.from('\xff\xd8\xff nueva'), 'image', 'image/jpeg');
    await test.pool.query(
      "update public.media_files set created_at = now() - interval '91 days' where id = $1",
      [old.id],
    );
    await test.pool.query('delete from public.messages where id = $1', [gone.message_id]);
    server.use(...storage.handlers);

    expect(await test.db.rpc('enqueue_purge_media', { p_media_days: 90 })).toMatchObject({ enqueued: true });
    await run([purgeMediaHandler]);

    expect(storage.objects.has(mediaPath(clinic.tenantId, old.id))).toBe(false);
    expect(storage.objects.has(mediaPath(clinic.tenantId, gone.id))).toBe(false);
    expect(storage.objects.has(mediaPath(clinic.tenantId, kept.id))).toBe(true);
    const { rows } = await test.pool.query(
      'select status, storage_path, failure_reason from public.media_files where id = $1',
      [old.id],
    );
    expect(rows[0]).toEqual({
      status: 'unavailable',
      storage_path: null,
      failure_reason: 'se borró tras 90 días, según la política de conservación',
    });
    const orphans = await test.pool.query('select count(*)::int as n from internal.media_orphans');
    expect(orphans.rows[0].n).toBe(0);
    expect(await test.db.rpc('enqueue_purge_media', { p_media_days: 90, p_every_seconds: 1 })).toMatchObject({
      enqueued: false,
    });
  });
});

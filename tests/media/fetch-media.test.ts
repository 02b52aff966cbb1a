import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { serveMediaFile } from '@/src/dashboard/media/serve-media-file';
import { getEnv, setEnvForProcess } from '@/src/env';
import { fetchMediaHandler } from '@/src/jobs/handlers/fetch-media-handler';
import { mediaPath } from '@/src/media/media-storage';
import { makeAllDue, readJobsOf, runJobs } from '../outbound/outbound-fixture';
import { fakeWhatsappMedia } from '../support/fake-whatsapp-media';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import {
  base64Sha256,
  createMediaTenant,
  fileOfMessage,
  type MediaTenant,
  postMessengerAttachment,
  postWhatsappMedia,
  signedIn,
  whatsappToken,
} from './media-in-support';

// Files customers send: registered with the message in the ingest's transaction (nothing is
// fetched on the ack path), fetched by the fetch_media job from a fake Graph and a fake Meta
// CDN that speak PLATFORMS-2.md §5, checked (type, size, sha256), stored under DATA_DIR/media,
// and served only to the business's own members.

const graph = 'https://graph.test';
const server = setupServer();
const seen: string[] = [];
let test: TestDatabase;
let dataDir: string;
let clinic: MediaTenant;
let other: MediaTenant;

const jpeg = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
  Buffer.from('una radiografía de la muela'),
]);

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'media-in-'));
  setEnvForProcess({ GRAPH_API_BASE_URL: graph, GRAPH_API_VERSION: 'v26.0', DATA_DIR: dataDir });
  server.listen({ onUnhandledRequest: 'error' });
  server.events.on('request:start', ({ request }) => {
    seen.push(request.url);
  });
  test = await createTestDatabase();
  clinic = await createMediaTenant(test, getEnv(), 'clinica-media');
  other = await createMediaTenant(test, getEnv(), 'vecina-media');
});
afterEach(() => {
  server.resetHandlers();
  seen.length = 0;
});
afterAll(async () => {
  server.close();
  await test.drop();
  await rm(dataDir, { recursive: true, force: true });
});

function serve(tenantSlug: string, fileId: string, as: MediaTenant | null) {
  const cookies = as
    ? signedIn(getEnv(), as)
    : signedIn(getEnv(), { userId: '00000000-0000-4000-8000-000000000000', email: 'x@y.z' });
  return serveMediaFile(
    { tenantSlug, fileId },
    { db: test.db, env: getEnv(), cookies: as ? cookies : { getAll: () => [], set() {} } },
  );
}

async function storedBytes(tenantId: string, fileId: string) {
  return stat(join(dataDir, 'media', mediaPath(tenantId, fileId))).then(
    (info) => info.size,
    () => null,
  );
}

describe('WhatsApp image', () => {
  it('is registered with the message, fetched in the job with the token, stored and served to the member', async () => {
    const fake = fakeWhatsappMedia(graph, whatsappToken);
    fake.media.set('1479537139650973', { bytes: jpeg, mimeType: 'image/jpeg' });
    server.use(...fake.handlers);

    const { wamid, posted } = postWhatsappMedia(clinic, {
      type: 'image',
      id: '1479537139650973',
      mimeType: 'image/jpeg',
      sha256: base64Sha256(jpeg),
    });
    expect((await posted).status).toBe(200);
    // The ack path fetched nothing; the file waits with its job.
    expect(seen).toEqual([]);
    const [pending] = await fileOfMessage(test, wamid);
    expect(pending).toMatchObject({
      status: 'pending',
      kind: 'image',
      platform_media_id: '1479537139650973',
    });
    const jobs = (await readJobsOf(test, 'fetch_media')).filter(
      (job) => job.payload.media_file_id === pending.id,
    );
    expect(jobs).toHaveLength(1);

    const run = await runJobs(test, [fetchMediaHandler]);
    expect(run.outcomes.completed).toBeGreaterThanOrEqual(1);
    const [stored] = await fileOfMessage(test, wamid);
    expect(stored).toMatchObject({
      status: 'stored',
      mime_type: 'image/jpeg',
      byte_size: String(jpeg.length),
      storage_path: mediaPath(clinic.tenantId, pending.id),
      failure_reason: null,
    });
    expect(fake.retrievals[0]).toBe(
      `${graph}/v26.0/1479537139650973?phone_number_id=${clinic.phoneNumberId}`,
    );
    expect(fake.downloads).toHaveLength(1);
    expect(await storedBytes(clinic.tenantId, pending.id)).toBe(jpeg.length);

    const response = await serve(clinic.slug, pending.id, clinic);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/jpeg');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toMatch(/^private/);
    expect(response.headers.get('content-disposition')).toBe('inline');
    expect(Buffer.from(await response.arrayBuffer())).toEqual(jpeg);

    // A second run of the same file (a redelivered job) does nothing at all.
    await test.db.rpc('enqueue_job', {
      p_job_type: 'fetch_media',
      p_payload: { media_file_id: pending.id },
      p_tenant_id: clinic.tenantId,
    });
    seen.length = 0;
    await runJobs(test, [fetchMediaHandler]);
    expect(seen).toEqual([]);
  });

  it('asks for a fresh URL when the first one expired (404)', async () => {
    const fake = fakeWhatsappMedia(graph, whatsappToken);
    fake.media.set('2000000000000001', { bytes: jpeg, mimeType: 'image/jpeg' });
    fake.expireFirstUrls = 1;
    server.use(...fake.handlers);
    const { wamid, posted } = postWhatsappMedia(clinic, {
      type: 'image',
      id: '2000000000000001',
      mimeType: 'image/jpeg',
      sha256: base64Sha256(jpeg),
    });
    await posted;
    await runJobs(test, [fetchMediaHandler]);
    const [file] = await fileOfMessage(test, wamid);
    expect(file.status).toBe('stored');
    expect(fake.retrievals).toHaveLength(2);
    expect(fake.downloads).toHaveLength(2);
  });

  it('is not stored when its sha256 does not match', async () => {
    const fake = fakeWhatsappMedia(graph, whatsappToken);
    const other = Buffer.from('otra cosa');
    fake.media.set('2000000000000002', { bytes: jpeg, mimeType: 'image/jpeg', sha256: base64Sha256(other) });
    server.use(...fake.handlers);
    const { wamid, posted } = postWhatsappMedia(clinic, {
      type: 'image',
      id: '2000000000000002',
      mimeType: 'image/jpeg',
      sha256: base64Sha256(other),
    });
    await posted;
    await runJobs(test, [fetchMediaHandler]);
    const [file] = await fileOfMessage(test, wamid);
    expect(file).toMatchObject({ status: 'unavailable', storage_path: null });
    expect(file.failure_reason).toContain('dañado');
    expect(await storedBytes(clinic.tenantId, file.id)).toBeNull();
    expect((await serve(clinic.slug, file.id, clinic)).status).toBe(404);
  });
});

describe('a 101 MB document', () => {
  it('is refused by its declared size, without downloading it, with a note staff can read', async () => {
    const fake = fakeWhatsappMedia(graph, whatsappToken);
    // Declared only: the fake never holds 101 MB, and the URL must not even be requested.
    fake.media.set('3000000000000001', {
      mimeType: 'application/pdf',
      declaredSize: 101 * 1024 * 1024,
      sha256: 'x',
    });
    server.use(...fake.handlers);
    const { wamid, posted } = postWhatsappMedia(clinic, {
      type: 'document',
      id: '3000000000000001',
      mimeType: 'application/pdf',
      sha256: 'x',
      filename: 'radiografias.pdf',
    });
    await posted;
    await runJobs(test, [fetchMediaHandler]);
    const [file] = await fileOfMessage(test, wamid);
    expect(file).toMatchObject({
      status: 'refused',
      failure_reason: 'Archivo demasiado grande (101 MB; máximo 100 MB)',
      byte_size: String(101 * 1024 * 1024),
      storage_path: null,
    });
    expect(fake.downloads).toEqual([]);
  });

  it('refuses a type outside the allowlist', async () => {
    const fake = fakeWhatsappMedia(graph, whatsappToken);
    fake.media.set('3000000000000002', { bytes: Buffer.from('MZ'), mimeType: 'application/x-msdownload' });
    server.use(...fake.handlers);
    const { wamid, posted } = postWhatsappMedia(clinic, {
      type: 'document',
      id: '3000000000000002',
      mimeType: 'application/x-msdownload',
      sha256: 'x',
    });
    await posted;
    await runJobs(test, [fetchMediaHandler]);
    const [file] = await fileOfMessage(test, wamid);
    expect(file).toMatchObject({
      status: 'refused',
      failure_reason: 'Tipo de archivo no permitido (application/x-msdownload)',
    });
    expect(fake.downloads).toEqual([]);
  });
});

describe('temporary failures', () => {
  it('queues the transcription of a stored voice note when OpenAI is configured', async () => {
    const ogg = Buffer.concat([Buffer.from('OggS'), Buffer.from('nota de voz')]);
    const fake = fakeWhatsappMedia(graph, whatsappToken);
    fake.media.set('4100000000000001', { bytes: ogg, mimeType: 'audio/ogg' });
    server.use(...fake.handlers);
    setEnvForProcess({ OPENAI_API_KEY: 'sk-test-transcription' });
    try {
      const { wamid, posted } = postWhatsappMedia(clinic, {
        type: 'audio',
        id: '4100000000000001',
        mimeType: 'audio/ogg',
        sha256: base64Sha256(ogg),
      });
      await posted;
      await runJobs(test, [fetchMediaHandler]);
      const [file] = await fileOfMessage(test, wamid);
      expect(file.status).toBe('stored');
      const jobs = (await readJobsOf(test, 'transcribe_media')).filter(
        (job) => job.payload.media_file_id === file.id,
      );
      expect(jobs).toHaveLength(1);
    } finally {
      setEnvForProcess({ OPENAI_API_KEY: '' });
    }
  });

  it('retry with the queue, then leave the file unavailable with the reason', async () => {
    server.use(
      http.get(`${graph}/v26.0/:mediaId`, () => HttpResponse.json({ error: { code: 2 } }, { status: 503 })),
    );
    const { wamid, posted } = postWhatsappMedia(clinic, {
      type: 'audio',
      id: '4000000000000001',
      mimeType: 'audio/ogg; codecs=opus',
      sha256: 'x',
    });
    await posted;
    const [file] = await fileOfMessage(test, wamid);
    for (let attempt = 1; attempt <= 5; attempt++) {
      await makeAllDue(test);
      await runJobs(test, [fetchMediaHandler]);
      const [row] = await fileOfMessage(test, wamid);
      expect(row.status).toBe(attempt < 5 ? 'pending' : 'unavailable');
    }
    const [row] = await fileOfMessage(test, wamid);
    expect(row.failure_reason).toBe('la plataforma no respondió al pedirlo');
    const job = (await readJobsOf(test, 'fetch_media')).find((job) => job.payload.media_file_id === file.id);
    expect(job).toMatchObject({ status: 'completed', attempts: 5 });
  });
});

describe('Messenger attachment', () => {
  it('is downloaded from the CDN URL right away and stored', async () => {
    const url = 'https://scontent.xx.fbcdn.net/v/t1.15752-9/muela.jpg?_nc_cat=1&oh=abc&oe=6700';
    server.use(
      http.get('https://scontent.xx.fbcdn.net/v/t1.15752-9/muela.jpg', () =>
        HttpResponse.arrayBuffer(new Uint8Array(jpeg).buffer, { headers: { 'content-type': 'image/jpeg' } }),
      ),
    );
    const { mid, posted } = postMessengerAttachment(clinic, 'image', url);
    expect((await posted).status).toBe(200);
    expect(seen).toEqual([]);
    await runJobs(test, [fetchMediaHandler]);
    const [file] = await fileOfMessage(test, mid);
    expect(file).toMatchObject({ status: 'stored', kind: 'image', source_url: url, mime_type: 'image/jpeg' });
    expect(await storedBytes(clinic.tenantId, file.id)).toBe(jpeg.length);
  });

  it('an expired CDN URL leaves the file unavailable with the reason', async () => {
    const url = 'https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=99&signature=old';
    server.use(
      http.get(
        'https://lookaside.fbsbx.com/ig_messaging_cdn/',
        () => new HttpResponse('URL signature expired', { status: 403 }),
      ),
    );
    const { mid, posted } = postMessengerAttachment(clinic, 'file', url);
    await posted;
    await runJobs(test, [fetchMediaHandler]);
    const [file] = await fileOfMessage(test, mid);
    expect(file).toMatchObject({ status: 'unavailable', kind: 'document' });
    expect(file.failure_reason).toBe('el enlace del archivo caducó antes de descargarlo');
  });
});

describe('the media route', () => {
  it('never gives one business another business’s file', async () => {
    const fake = fakeWhatsappMedia(graph, whatsappToken);
    fake.media.set('5000000000000001', { bytes: jpeg, mimeType: 'image/jpeg' });
    server.use(...fake.handlers);
    const { wamid, posted } = postWhatsappMedia(clinic, {
      type: 'image',
      id: '5000000000000001',
      mimeType: 'image/jpeg',
      sha256: base64Sha256(jpeg),
    });
    await posted;
    await runJobs(test, [fetchMediaHandler]);
    const [file] = await fileOfMessage(test, wamid);
    expect(file.status).toBe('stored');
    expect((await serve(clinic.slug, file.id, clinic)).status).toBe(200);

    for (const response of [
      await serve(clinic.slug, file.id, other), // B's member, A's slug
      await serve(other.slug, file.id, other), // B's member, B's slug, A's file id
    ]) {
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toContain('application/json');
      const text = await response.text();
      expect(text).not.toContain(clinic.tenantId);
      expect(Buffer.from(text).includes(jpeg)).toBe(false);
    }
    const anonymous = await serve(clinic.slug, file.id, null);
    expect(anonymous.status).toBe(401);
    expect((await serve(clinic.slug, '../../etc/passwd', clinic)).status).toBe(404);
  });
});

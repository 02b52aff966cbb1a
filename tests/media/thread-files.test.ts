import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setupServer } from 'msw/node';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadThread } from '@/src/dashboard/inbox/load-thread';
import { MessageFiles } from '@/src/dashboard/inbox/message-files';
import { resolveTenant } from '@/src/dashboard/tenants/resolve-tenant';
import { getEnv, setEnvForProcess } from '@/src/env';
import { messagesEs } from '@/src/i18n/messages-es';
import { fetchMediaHandler } from '@/src/jobs/handlers/fetch-media-handler';
import { runJobs } from '../outbound/outbound-fixture';
import { fakeWhatsappMedia } from '../support/fake-whatsapp-media';
import { staffIdentity } from '../support/staff';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import {
  base64Sha256,
  createMediaTenant,
  fileOfMessage,
  type MediaTenant,
  postWhatsappMedia,
  whatsappToken,
} from './media-in-support';

// The conversation page's data and markup for files: the thread loads each message's files in
// one call, and shows a stored image as a thumbnail linking to its full size, a file still on
// its way as "Cargando archivo…", and a refused one with its reason.

const graph = 'https://graph.test';
const server = setupServer();
let test: TestDatabase;
let dataDir: string;
let clinic: MediaTenant;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'thread-files-'));
  setEnvForProcess({ GRAPH_API_BASE_URL: graph, GRAPH_API_VERSION: 'v26.0', DATA_DIR: dataDir });
  server.listen({ onUnhandledRequest: 'error' });
  test = await createTestDatabase();
  clinic = await createMediaTenant(test, getEnv(), 'clinica-hilo');
});
afterAll(async () => {
  server.close();
  await test.drop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('files in the thread', () => {
  it('shows the stored image as a thumbnail, a pending file as loading, a refused one with its reason', async () => {
    const jpeg = Buffer.from('\xff\xd8\xff foto de la muela');
    const fake = fakeWhatsappMedia(graph, whatsappToken);
    fake.media.set('7000000000000001', { bytes: jpeg, mimeType: 'image/jpeg' });
    fake.media.set('7000000000000002', {
      mimeType: 'application/pdf',
      declaredSize: 101 * 1024 * 1024,
      sha256: 'x',
    });
    server.use(...fake.handlers);
    const image = postWhatsappMedia(clinic, {
      type: 'image',
      id: '7000000000000001',
      mimeType: 'image/jpeg',
      sha256: base64Sha256(jpeg),
    });
    await image.posted;
    const big = postWhatsappMedia(clinic, {
      type: 'document',
      id: '7000000000000002',
      mimeType: 'application/pdf',
      sha256: 'x',
      filename: 'estudios.pdf',
    });
    await big.posted;
    await runJobs(test, [fetchMediaHandler]);
    const voice = postWhatsappMedia(clinic, {
      type: 'audio',
      id: '7000000000000003',
      mimeType: 'audio/ogg',
      sha256: 'x',
    });
    await voice.posted;

    const [imageFile] = await fileOfMessage(test, image.wamid);
    const [bigFile] = await fileOfMessage(test, big.wamid);
    const [voiceFile] = await fileOfMessage(test, voice.wamid);
    const staff = staffIdentity(clinic.userId, clinic.email);
    const tenant = await resolveTenant(test.db, staff, clinic.slug);
    const thread = await loadThread(test.db, staff, tenant, await conversationOf(imageFile.message_id));

    const render = (messageId: string) =>
      renderToStaticMarkup(
        createElement(MessageFiles, {
          files: thread.files[messageId],
          tenantSlug: clinic.slug,
          t: messagesEs,
        }),
      );
    const thumbnail = render(imageFile.message_id);
    expect(thumbnail).toContain(`<a href="/api/t/${clinic.slug}/media/${imageFile.id}"`);
    expect(thumbnail).toContain(`<img src="/api/t/${clinic.slug}/media/${imageFile.id}"`);
    expect(render(bigFile.message_id)).toContain('Archivo demasiado grande (101 MB; máximo 100 MB)');
    expect(render(voiceFile.message_id)).toContain('Cargando archivo…');
    expect(voiceFile.status).toBe('pending');
  });
});

async function conversationOf(messageId: string): Promise<string> {
  const { rows } = await test.pool.query('select conversation_id from public.messages where id = $1', [
    messageId,
  ]);
  return rows[0].conversation_id;
}

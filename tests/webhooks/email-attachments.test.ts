import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectChannel } from '@/src/channels/connect-channel';
import { serveMediaFile } from '@/src/dashboard/media/serve-media-file';
import { getEnv, setEnvForProcess } from '@/src/env';
import { fetchMediaHandler } from '@/src/jobs/handlers/fetch-media-handler';
import { mediaPath } from '@/src/media/media-storage';
import { signedIn } from '../media/media-in-support';
import { runJobs } from '../outbound/outbound-fixture';
import { createTenantWithStaff } from '../support/staff';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { fixtureJson } from './support/fixtures';
import { postSigned } from './support/post-webhook';
import { secrets } from './support/webhook-tenant';

// Attachments of a Postmark inbound mail (PLATFORMS-2.md §9.1: Attachments[] with Name, Content
// in base64, ContentType, ContentLength) go through the media pipeline: registered as files of
// the message in the ingest's transaction, their bytes stored right after it (never in the
// database), refused by the same type and size rules as other channels' files, and served to
// the business's members. A retried delivery stores what is left and doubles nothing.

const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('foto de la muela'),
]);
const pdf = Buffer.from('%PDF-1.4\nresultados de laboratorio\n%%EOF');
const exe = Buffer.from('MZ\x90\x00programa');

let test: TestDatabase;
let dataDir: string;
let clinic: { slug: string; tenantId: string; userId: string; email: string };
let counter = 0;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'email-attachments-'));
  setEnvForProcess({ DATA_DIR: dataDir });
  test = await createTestDatabase();
  const slug = 'clinica-adjuntos';
  const { tenantId, userId } = await createTenantWithStaff(test, slug);
  await connectChannel(test.db, getEnv().ENCRYPTION_KEY!, {
    tenantSlug: slug,
    channel: 'email',
    mode: 'sandbox',
    emailAddress: 'hola@clinica-fixture.example',
    inboundCredentials: secrets.email,
  });
  clinic = { slug, tenantId, userId, email: `owner@${slug}.example` };
});
afterAll(async () => {
  await test.drop();
  await rm(dataDir, { recursive: true, force: true });
});

function attachment(name: string, contentType: string, bytes: Buffer) {
  return {
    Name: name,
    ContentType: contentType,
    ContentLength: bytes.length,
    Content: bytes.toString('base64'),
  };
}

/** The fixture mail with its own Message-ID and these attachments. */
function mailWith(attachments: ReturnType<typeof attachment>[]) {
  counter += 1;
  const messageId = `adjuntos-${counter}-${Date.now()}@mail.correo-cliente.example`;
  const mail = fixtureJson('email', 'inbound-text') as Record<string, unknown>;
  const headers = (mail.Headers as Array<{ Name: string; Value: string }>).map((header) =>
    header.Name.toLowerCase() === 'message-id' ? { ...header, Value: `<${messageId}>` } : header,
  );
  return { messageId, body: JSON.stringify({ ...mail, Headers: headers, Attachments: attachments }) };
}

async function filesOf(messageId: string) {
  const { rows } = await test.pool.query(
    `select f.id, f.kind, f.status, f.mime_type, f.byte_size::int as byte_size, f.filename, f.failure_reason, f.storage_path
       from media_files f join messages m on m.id = f.message_id
      where m.platform_message_id = $1 order by f.platform_media_id`,
    [messageId],
  );
  return rows;
}

function serve(fileId: string) {
  return serveMediaFile(
    { tenantSlug: clinic.slug, fileId },
    { db: test.db, env: getEnv(), cookies: signedIn(getEnv(), clinic) },
  );
}

describe('email attachments', () => {
  it('stores a PNG and a PDF, serves them to the member, refuses an .exe with a reason', async () => {
    const { messageId, body } = mailWith([
      attachment('muela.png', 'image/png', png),
      attachment('laboratorio.pdf', 'application/pdf', pdf),
      attachment('factura.exe', 'application/x-msdownload', exe),
    ]);
    const posted = await postSigned('email', clinic.slug, body);
    expect(posted).toMatchObject({ status: 200, body: { stored: 1 } });

    const files = await filesOf(messageId);
    expect(files).toMatchObject([
      {
        kind: 'image',
        status: 'stored',
        mime_type: 'image/png',
        byte_size: png.length,
        filename: 'muela.png',
      },
      {
        kind: 'document',
        status: 'stored',
        mime_type: 'application/pdf',
        byte_size: pdf.length,
        filename: 'laboratorio.pdf',
      },
      {
        kind: 'document',
        status: 'refused',
        storage_path: null,
        failure_reason: 'Tipo de archivo no permitido (application/x-msdownload)',
      },
    ]);
    for (const [file, bytes] of [
      [files[0], png],
      [files[1], pdf],
    ] as const) {
      const response = await serve(file.id);
      expect(response.status).toBe(200);
      expect(Buffer.from(await response.arrayBuffer())).toEqual(bytes);
      expect(await readFile(join(dataDir, 'media', mediaPath(clinic.tenantId, file.id)))).toEqual(bytes);
    }
    // The bytes never reach the database: not in the message, its media list or its raw payload.
    const { rows } = await test.pool.query(
      'select media, raw_payload from messages where platform_message_id = $1',
      [messageId],
    );
    expect(JSON.stringify(rows[0])).not.toContain(pdf.toString('base64').slice(0, 16));
    expect(rows[0].media.attachments).toHaveLength(3);

    // The fetch_media jobs the trigger queued find nothing left to do.
    await runJobs(test, [fetchMediaHandler]);
    expect(await filesOf(messageId)).toEqual(files);
  });

  it('a replayed delivery doubles nothing', async () => {
    const { messageId, body } = mailWith([attachment('muela.png', 'image/png', png)]);
    await postSigned('email', clinic.slug, body);
    const before = await filesOf(messageId);
    const again = await postSigned('email', clinic.slug, body);
    expect(again.status).toBe(200);
    expect(await filesOf(messageId)).toEqual(before);
    const { rows } = await test.pool.query(
      `select count(*)::int as n from jobs where job_type = 'fetch_media' and payload ->> 'media_file_id' = $1`,
      [before[0].id],
    );
    expect(rows[0].n).toBe(1);
  });

  it('when storing fails the delivery answers 500, and Postmark’s retry stores the file', async () => {
    const { messageId, body } = mailWith([attachment('laboratorio.pdf', 'application/pdf', pdf)]);
    // A DATA_DIR that is a file: media storage cannot write.
    const broken = join(dataDir, 'not-a-directory');
    await writeFile(broken, 'x');
    setEnvForProcess({ DATA_DIR: broken });
    const failed = await postSigned('email', clinic.slug, body);
    setEnvForProcess({ DATA_DIR: dataDir });
    expect(failed.status).toBe(500);
    expect(await filesOf(messageId)).toMatchObject([{ status: 'pending' }]);

    const retried = await postSigned('email', clinic.slug, body);
    expect(retried.status).toBe(200);
    const [file] = await filesOf(messageId);
    expect(file).toMatchObject({ status: 'stored', byte_size: pdf.length });
    expect(Buffer.from(await (await serve(file.id)).arrayBuffer())).toEqual(pdf);
  });

  it('an attachment listed without its bytes reads as unavailable at once, never "loading" forever', async () => {
    const { messageId, body } = mailWith([attachment('muela.png', 'image/png', Buffer.alloc(0))]);
    await postSigned('email', clinic.slug, body);
    expect(await filesOf(messageId)).toMatchObject([
      { status: 'unavailable', failure_reason: 'el correo no trajo el archivo' },
    ]);
  });
});

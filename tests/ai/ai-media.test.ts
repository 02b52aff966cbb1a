import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mediaNotes } from '@/src/ai/media-blocks';
import { systemText } from '@/src/ai/prompt-cache';
import { askToWriteText } from '@/src/ai/voice-notes';
import { getEnv, setEnvForProcess } from '@/src/env';
import { mediaPath, mediaStorageFor } from '@/src/media/media-storage';
import { demoAiContext } from '@/src/tenants/demo-tenant';
import { enqueueTranscription } from '@/src/transcription/enqueue-transcription';
import {
  type ConversationFixture,
  createConversation,
  makeAllDue,
  readJobsOf,
  runJobs,
} from '../outbound/outbound-fixture';
import { type CapturedRequest, captureRequest } from '../outbound/platform-fake';
import { replyHandlers } from '../support/reply-handlers';
import { staffIdentity } from '../support/staff';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { answer, claudeMessage } from './anthropic-fake';

// Issue 16 §3 "the AI sees what the customer sent": files stored by fetch_media (made here the
// way that job leaves them: a media_files row 'stored' and the bytes in media storage) reach
// Claude as image / document blocks (PLATFORMS-2.md §6.1), and voice notes are transcribed by
// OpenAI (§7) against a fake that checks the multipart request as the API documents it.

const anthropic = 'https://anthropic.test';
const openai = 'https://openai.test/v1';
const graph = 'https://graph.test';
const claudeCalls: CapturedRequest[] = [];
type TranscriptionCall = {
  authorization: string | null;
  fileName: string;
  fileType: string;
  fileBytes: number;
  model: unknown;
  language: unknown;
};
const transcriptionCalls: TranscriptionCall[] = [];
const server = setupServer();
let test: TestDatabase;
let dataDir: string;

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A real PNG (grey pixels), padded with a text chunk to reach a size. */
function png(width: number, height: number, padding = 0): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
  const rows = Buffer.alloc((width + 1) * height, 0x80);
  for (let y = 0; y < height; y += 1) rows[y * (width + 1)] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    ...(padding ? [chunk('tEXt', Buffer.alloc(padding, 0x61))] : []),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const ogg = Buffer.concat([Buffer.from('OggS', 'latin1'), Buffer.alloc(2000, 1)]);

beforeAll(async () => {
  server.listen({ onUnhandledRequest: 'error' });
  test = await createTestDatabase();
  dataDir = await mkdtemp(join(tmpdir(), 'ai-media-'));
});
beforeEach(() => {
  setEnvForProcess({
    ANTHROPIC_API_KEY: 'sk-ant-test-0123456789',
    ANTHROPIC_BASE_URL: anthropic,
    ANTHROPIC_MODEL: 'claude-haiku-5-5',
    AI_MAX_RETRIES: '0',
    GRAPH_API_BASE_URL: graph,
    DATA_DIR: dataDir,
    OPENAI_API_KEY: 'sk-openai-test-abc',
    OPENAI_BASE_URL: openai,
  });
  server.use(
    http.post(`${graph}/v26.0/:phoneNumberId/messages`, () =>
      HttpResponse.json({ messaging_product: 'whatsapp', messages: [{ id: `wamid.${Date.now()}` }] }),
    ),
    http.post(`${anthropic}/v1/messages`, async ({ request }) => {
      claudeCalls.push(await captureRequest(request));
      return claudeMessage(answer({ reply: 'Esa corona de porcelana cuesta MXN 4,500.' }));
    }),
    // OpenAI's transcription endpoint: multipart with file (name with extension + type), model,
    // language; Bearer key. Answers {"text": …} (response_format json).
    http.post(`${openai}/audio/transcriptions`, async ({ request }) => {
      const form = await request.formData();
      const file = form.get('file');
      if (!(file instanceof File)) return HttpResponse.json({ error: { message: 'file' } }, { status: 400 });
      transcriptionCalls.push({
        authorization: request.headers.get('authorization'),
        fileName: file.name,
        fileType: file.type,
        fileBytes: file.size,
        model: form.get('model'),
        language: form.get('language'),
      });
      return HttpResponse.json({ text: 'Hola, quiero saber si tienen cita mañana en la tarde' });
    }),
  );
});
afterEach(() => {
  server.resetHandlers();
  claudeCalls.length = 0;
  transcriptionCalls.length = 0;
});
afterAll(async () => {
  server.close();
  await test.drop();
  await rm(dataDir, { recursive: true, force: true });
});

async function conversation(
  firstText: string,
  firstType = 'text',
  hoursAgo = 0,
): Promise<ConversationFixture> {
  const fixture = await createConversation(test, { channel: 'whatsapp', text: firstText, hoursAgo });
  await test.db.rpc('admin_update_ai_context', {
    p_tenant_slug: fixture.slug,
    p_patch: { ...demoAiContext, business_hours: {} },
  });
  await test.pool.query('update public.messages set message_type = $2 where id = $1', [
    fixture.inboundMessageId,
    firstType,
  ]);
  return fixture;
}

type FileSpec = {
  kind: 'image' | 'document' | 'audio';
  mime: string;
  bytes?: Buffer;
  status?: 'pending' | 'stored' | 'unavailable';
};

/** A media_files row as fetch_media leaves it, with its bytes in storage when stored. */
async function attachFile(fixture: ConversationFixture, messageId: string, spec: FileSpec): Promise<string> {
  const status = spec.status ?? 'stored';
  const { rows } = await test.pool.query(
    `insert into public.media_files (tenant_id, message_id, direction, kind, mime_type, byte_size, status)
     values ($1, $2, 'inbound', $3, $4, $5, $6) returning id`,
    [fixture.tenantId, messageId, spec.kind, spec.mime, spec.bytes?.length ?? null, status],
  );
  const id: string = rows[0].id;
  if (status === 'stored') await storeFile(fixture, id, spec);
  return id;
}

async function storeFile(fixture: ConversationFixture, id: string, spec: FileSpec) {
  const path = mediaPath(fixture.tenantId, id);
  await mediaStorageFor(getEnv()).put(path, spec.bytes!, spec.mime);
  await test.pool.query(
    "update public.media_files set status = 'stored', storage_path = $2, byte_size = $3 where id = $1",
    [id, path, spec.bytes!.length],
  );
}

async function addMessage(fixture: ConversationFixture, text: string, type = 'text'): Promise<string> {
  const { rows } = await test.pool.query(
    `insert into public.messages (tenant_id, conversation_id, lead_id, channel, direction, sender, message_type,
       text, platform_message_id, platform_timestamp, created_at)
     values ($1, $2, $3, 'whatsapp', 'inbound', 'lead', $4, $5, $6, now(), now() + interval '1 millisecond')
     returning id`,
    [fixture.tenantId, fixture.conversationId, fixture.leadId, type, text, `in-${Math.random()}`],
  );
  return rows[0].id;
}

async function answerCustomer(fixture: ConversationFixture) {
  await test.db.rpc('enqueue_job', {
    p_job_type: 'ai_response',
    p_payload: { conversation_id: fixture.conversationId },
    p_tenant_id: fixture.tenantId,
    p_priority: 10,
    p_dedupe_key: `ai_response:${fixture.conversationId}`,
  });
  return runJobs(test, replyHandlers);
}

type Block = { type: string; text?: string; source?: { type: string; media_type: string; data: string } };

function customerTurn(call: CapturedRequest): Block[] {
  const messages = (call.body as { messages: { role: string; content: string | Block[] }[] }).messages;
  const last = messages.at(-1)!;
  expect(last.role).toBe('user');
  return typeof last.content === 'string' ? [{ type: 'text', text: last.content }] : last.content;
}

async function outbound(fixture: ConversationFixture) {
  const { rows } = await test.pool.query(
    `select sender, text from public.messages where conversation_id = $1 and direction = 'outbound'`,
    [fixture.conversationId],
  );
  return rows;
}

describe('the AI sees what the customer sent', () => {
  it('"¿Cuánto cuesta esto?" with a stored photo: the image block goes before the text', async () => {
    const photo = png(40, 30);
    const fixture = await conversation('[Imagen]', 'image');
    await attachFile(fixture, fixture.inboundMessageId, { kind: 'image', mime: 'image/png', bytes: photo });
    await addMessage(fixture, '¿Cuánto cuesta esto?');

    await answerCustomer(fixture);

    expect(claudeCalls).toHaveLength(1);
    const turn = customerTurn(claudeCalls[0]!);
    expect(turn).toEqual([
      { type: 'image', source: { type: 'base64', media_type: 'image/png', data: photo.toString('base64') } },
      { type: 'text', text: '[Imagen]\n¿Cuánto cuesta esto?' },
    ]);
    expect(
      systemText((claudeCalls[0]!.body as { system: { type: 'text'; text: string }[] }).system),
    ).toContain('Files: images and PDFs');
    expect((await outbound(fixture))[0]).toMatchObject({
      sender: 'ai',
      text: expect.stringContaining('4,500'),
    });
  });

  it('a PDF becomes a document block', async () => {
    const fixture = await conversation('[Documento] cotizacion.pdf', 'document');
    await attachFile(fixture, fixture.inboundMessageId, {
      kind: 'document',
      mime: 'application/pdf',
      bytes: pdf,
    });

    await answerCustomer(fixture);

    expect(customerTurn(claudeCalls[0]!)).toEqual([
      {
        type: 'document',
        source: { type: 'base64', media_type: 'application/pdf', data: pdf.toString('base64') },
      },
      { type: 'text', text: '[Documento] cotizacion.pdf' },
    ]);
  });

  it('past the byte budget the older photo becomes a note; an image over 8000 px is never sent', async () => {
    const fixture = await conversation('[Imagen]', 'image');
    const older = png(20, 20, 3000);
    const newer = png(20, 20, 3000);
    await attachFile(fixture, fixture.inboundMessageId, { kind: 'image', mime: 'image/png', bytes: older });
    const second = await addMessage(fixture, '[Imagen]', 'image');
    await attachFile(fixture, second, { kind: 'image', mime: 'image/png', bytes: newer });
    const third = await addMessage(fixture, '[Imagen] la radiografía', 'image');
    await attachFile(fixture, third, { kind: 'image', mime: 'image/png', bytes: png(9000, 1) });
    await test.pool.query(
      'update public.ai_tenant_context set media_turn_byte_budget = $2 where tenant_id = $1',
      [fixture.tenantId, newer.length + 100],
    );

    await answerCustomer(fixture);

    const turn = customerTurn(claudeCalls[0]!);
    expect(turn.map((block) => block.type)).toEqual(['text', 'image', 'text']);
    expect(turn[0]!.text).toBe(`${mediaNotes.imageOverBudget}\n[Imagen]`);
    expect(turn[1]!.source!.data).toBe(newer.toString('base64'));
    expect(turn[2]!.text).toBe(`[Imagen]\n${mediaNotes.imageTooLarge}\n[Imagen] la radiografía`);
  });

  it('a photo still being fetched: the reply waits a few seconds for it, then sees it', async () => {
    const photo = png(10, 10);
    const fixture = await conversation('[Imagen]', 'image');
    const fileId = await attachFile(fixture, fixture.inboundMessageId, {
      kind: 'image',
      mime: 'image/png',
      status: 'pending',
    });
    await addMessage(fixture, '¿Cuánto cuesta esto?');

    await answerCustomer(fixture);
    expect(claudeCalls).toHaveLength(0);
    const [waited, again] = await readJobsOf(test, 'ai_response').then((jobs) =>
      jobs.filter((job) => job.payload.conversation_id === fixture.conversationId),
    );
    expect(waited).toMatchObject({ status: 'completed', result: { waiting: 'media_pending' } });
    expect(again).toMatchObject({ status: 'pending' });

    await storeFile(fixture, fileId, { kind: 'image', mime: 'image/png', bytes: photo });
    await makeAllDue(test);
    await runJobs(test, replyHandlers);

    expect(claudeCalls).toHaveLength(1);
    expect(customerTurn(claudeCalls[0]!)[0]).toMatchObject({ type: 'image' });
  });

  it('a photo that never arrives: past the wait, the reply goes and says it is not available', async () => {
    const fixture = await conversation('[Imagen]', 'image', 2 / 60);
    await attachFile(fixture, fixture.inboundMessageId, {
      kind: 'image',
      mime: 'image/png',
      status: 'pending',
    });

    await answerCustomer(fixture);

    expect(customerTurn(claudeCalls[0]!)).toEqual([
      { type: 'text', text: `${mediaNotes.imagePending}\n[Imagen]` },
    ]);
  });
});

describe('voice notes', () => {
  it('transcribe_media sends the ogg to OpenAI; the transcript reaches Claude and the thread', async () => {
    const fixture = await conversation('[Nota de voz]', 'audio');
    const fileId = await attachFile(fixture, fixture.inboundMessageId, {
      kind: 'audio',
      mime: 'audio/ogg; codecs=opus',
      bytes: ogg,
    });

    expect(await enqueueTranscription(test.db, fileId)).toBe(true);
    expect(await enqueueTranscription(test.db, fileId)).toBe(false);
    await runJobs(test, replyHandlers);

    expect(transcriptionCalls).toEqual([
      {
        authorization: 'Bearer sk-openai-test-abc',
        fileName: 'voice.ogg',
        fileType: 'audio/ogg',
        fileBytes: ogg.length,
        model: 'whisper-1',
        language: 'es',
      },
    ]);
    const { rows } = await test.pool.query(
      'select transcript, transcript_status from public.media_files where id = $1',
      [fileId],
    );
    expect(rows[0]).toEqual({
      transcript: 'Hola, quiero saber si tienen cita mañana en la tarde',
      transcript_status: 'done',
    });

    await answerCustomer(fixture);
    expect(transcriptionCalls).toHaveLength(1);
    expect(customerTurn(claudeCalls[0]!)).toEqual([
      { type: 'text', text: '[Nota de voz] Hola, quiero saber si tienen cita mañana en la tarde' },
    ]);

    const member = await test.db.rpc('admin_seed_staff_member', {
      p_tenant_slug: fixture.slug,
      p_email: `agent@${fixture.slug}.example`,
      p_role: 'agent',
    });
    const thread = await test.db.rpc(
      'dashboard_conversation',
      { p_tenant_id: fixture.tenantId, p_conversation_id: fixture.conversationId },
      { as: staffIdentity(member.user_id) },
    );
    const voice = thread.messages.find((message) => message.id === fixture.inboundMessageId)!;
    expect(voice.media?.transcript).toBe('Hola, quiero saber si tienen cita mañana en la tarde');
  });

  it('the AI job transcribes a voice note itself when no transcription job ran', async () => {
    const fixture = await conversation('[Nota de voz]', 'audio');
    await attachFile(fixture, fixture.inboundMessageId, { kind: 'audio', mime: 'audio/ogg', bytes: ogg });

    await answerCustomer(fixture);

    expect(transcriptionCalls).toHaveLength(1);
    expect(customerTurn(claudeCalls[0]!)[0]!.text).toBe(
      '[Nota de voz] Hola, quiero saber si tienen cita mañana en la tarde',
    );
  });

  it('without an OpenAI key the customer is asked to write (the default)', async () => {
    setEnvForProcess({ OPENAI_API_KEY: '' });
    const fixture = await conversation('[Nota de voz]', 'audio');
    await attachFile(fixture, fixture.inboundMessageId, { kind: 'audio', mime: 'audio/ogg', bytes: ogg });

    await answerCustomer(fixture);

    expect(transcriptionCalls).toHaveLength(0);
    expect(claudeCalls).toHaveLength(0);
    expect(await outbound(fixture)).toEqual([{ sender: 'system', text: askToWriteText }]);
    const { rows } = await test.pool.query('select escalated_at from public.conversations where id = $1', [
      fixture.conversationId,
    ]);
    expect(rows[0].escalated_at).toBeNull();
  });

  it('without a key, a voice note with a question: Claude answers and is told to ask for the note in writing', async () => {
    setEnvForProcess({ OPENAI_API_KEY: '' });
    const fixture = await conversation('[Nota de voz]', 'audio');
    await attachFile(fixture, fixture.inboundMessageId, { kind: 'audio', mime: 'audio/ogg', bytes: ogg });
    await addMessage(fixture, '¿Y abren el sábado?');

    await answerCustomer(fixture);

    expect(customerTurn(claudeCalls[0]!)).toEqual([
      { type: 'text', text: `${mediaNotes.voiceWithoutTranscript}\n¿Y abren el sábado?` },
    ]);
    expect(
      systemText((claudeCalls[0]!.body as { system: { type: 'text'; text: string }[] }).system),
    ).toContain(
      `"${mediaNotes.voiceWithoutTranscript}" means you cannot hear it: ask them kindly to write their message.`,
    );
  });

  it('without an OpenAI key and "pasar a una persona", the conversation is handed over', async () => {
    setEnvForProcess({ OPENAI_API_KEY: '' });
    const fixture = await conversation('[Nota de voz]', 'audio');
    await attachFile(fixture, fixture.inboundMessageId, { kind: 'audio', mime: 'audio/ogg', bytes: ogg });
    await test.pool.query(
      "update public.ai_tenant_context set voice_without_transcript = 'hand_over' where tenant_id = $1",
      [fixture.tenantId],
    );

    await answerCustomer(fixture);

    expect(claudeCalls).toHaveLength(0);
    const { rows } = await test.pool.query(
      'select handled_by, escalation_reason from public.conversations where id = $1',
      [fixture.conversationId],
    );
    expect(rows[0]).toEqual({ handled_by: 'human', escalation_reason: 'voice note without transcript' });
    expect((await outbound(fixture))[0]).toMatchObject({ sender: 'system' });
  });
});

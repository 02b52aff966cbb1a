import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AiContext, HistoryMessage } from '@/src/ai/ai-context';
import { buildClaudeRequest } from '@/src/ai/build-claude-request';
import { prepareMediaParts } from '@/src/ai/media-blocks';
import { getEnv } from '@/src/env';
import { localMediaStorage } from '@/src/media/local-media-storage';
import { mediaPath } from '@/src/media/media-storage';
import { demoAiContext } from '@/src/tenants/demo-tenant';
import type { BenchRow } from './measure';

// The added cost of a reply whose customer turn carries one photo, against the same reply with
// text only, both built in this run by the real request builder (media read from local storage
// through the same code as the AI job). The photo is a 1600×1200 JPEG of 300 KB (random bytes
// behind a real JPEG header: as incompressible as a phone photo WhatsApp has recompressed).
// Input tokens are estimated: text at ~4 characters per token, an image at w·h/750 after
// Claude's own downscale (a long edge past 1568 px, or past ~1600 tokens; PLATFORMS-2.md §6.1).

const photo = { width: 1600, height: 1200, bytes: 300 * 1024 };

function jpegOf(width: number, height: number, size: number): Buffer {
  const header = Buffer.from([
    0xff,
    0xd8,
    0xff,
    0xc0,
    0x00,
    0x11,
    0x08,
    height >> 8,
    height & 0xff,
    width >> 8,
    width & 0xff,
    0x03,
  ]);
  return Buffer.concat([header, randomBytes(size - header.length)]);
}

function imageTokens(width: number, height: number): number {
  const scale = Math.min(1, 1568 / Math.max(width, height));
  return Math.min(1600, Math.round((width * scale * (height * scale)) / 750));
}

function estimateTokens(request: ReturnType<typeof buildClaudeRequest>): number {
  let tokens = Math.ceil(request.system!.toString().length / 4);
  for (const message of request.messages) {
    if (typeof message.content === 'string') tokens += Math.ceil(message.content.length / 4);
    else
      for (const block of message.content) {
        if (block.type === 'text') tokens += Math.ceil(block.text.length / 4);
        if (block.type === 'image') tokens += imageTokens(photo.width, photo.height);
      }
  }
  return tokens;
}

function contextWith(history: HistoryMessage[]): AiContext {
  const now = new Date();
  return {
    found: true,
    now,
    tenant: { id: 'bench', name: 'Clínica Dental Esva', timezone: 'America/Mexico_City', locale: 'es-MX' },
    ai: {
      ...demoAiContext,
      business_hours: {},
      temperature: 0.7,
      ai_provider: 'anthropic',
      ai_provider_fallback: false,
      max_tokens: 600,
      model: null,
      auto_escalate_after_messages: null,
      media_turn_byte_budget: 8 * 1024 * 1024,
      voice_without_transcript: 'ask_to_write',
    } as AiContext['ai'],
    conversation: {
      id: 'bench',
      channel: 'whatsapp',
      status: 'active',
      handled_by: 'ai',
      escalated_at: null,
      last_inbound_at: now,
    },
    lead: {
      id: 'bench',
      name: null,
      score: 50,
      classification: 'warm',
      origin_channel: 'whatsapp',
      created_at: now,
    },
    connection: { mode: 'live', status: 'connected', ai_enabled: true },
    latest_inbound: { id: history.at(-1)!.id, created_at: now },
    answered: false,
    inbound_count: history.length,
    history,
  };
}

export async function runMediaTurnBench(): Promise<BenchRow[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'media-bench-'));
  try {
    const storage = localMediaStorage(dir);
    const bytes = jpegOf(photo.width, photo.height, photo.bytes);
    const photoPath = mediaPath(randomUUID(), randomUUID());
    await storage.put(photoPath, bytes, 'image/jpeg');
    const at = new Date();
    const question: HistoryMessage = {
      id: 'q',
      direction: 'inbound',
      sender: 'lead',
      message_type: 'text',
      text: '¿Cuánto cuesta esto?',
      created_at: at,
      deleted: false,
    };
    const photoMessage: HistoryMessage = {
      id: 'p',
      direction: 'inbound',
      sender: 'lead',
      message_type: 'image',
      text: '[Imagen]',
      created_at: at,
      deleted: false,
      media: [
        {
          id: 'photo',
          kind: 'image',
          mime_type: 'image/jpeg',
          byte_size: bytes.length,
          status: 'stored',
          storage_path: photoPath,
          filename: null,
          transcript: null,
          transcript_status: null,
        },
      ],
    };
    const env = getEnv();
    const textOnly = buildClaudeRequest(contextWith([question]), env, 600);
    const withPhotoContext = contextWith([photoMessage, question]);
    const media = await prepareMediaParts(withPhotoContext.history, 8 * 1024 * 1024, storage);
    const withPhoto = buildClaudeRequest(withPhotoContext, env, 600, [], media);
    const sizeOf = (request: unknown) => Buffer.byteLength(JSON.stringify(request));
    const bytesText = sizeOf(textOnly);
    const bytesPhoto = sizeOf(withPhoto);
    const tokensText = estimateTokens(textOnly);
    const tokensPhoto = estimateTokens(withPhoto);
    const note = `one ${photo.width}×${photo.height} JPEG of ${photo.bytes / 1024} KB vs the same turn in text only (ratio = with photo / text only)`;
    return [
      {
        suite: 'media',
        metric: 'request bytes, turn with a photo',
        value: bytesPhoto,
        unit: 'B',
        baseline: bytesText,
        baselineName: 'text only',
        ratio: Math.round((bytesPhoto / bytesText) * 10) / 10,
        note,
      },
      {
        suite: 'media',
        metric: 'input tokens (est.), turn with a photo',
        value: tokensPhoto,
        unit: 'tokens',
        baseline: tokensText,
        baselineName: 'text only',
        ratio: Math.round((tokensPhoto / tokensText) * 100) / 100,
        note,
      },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

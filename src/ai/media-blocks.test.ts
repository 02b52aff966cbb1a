import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localMediaStorage } from '@/src/media/local-media-storage';
import { mediaPath } from '@/src/media/media-storage';
import type { HistoryMedia, HistoryMessage } from './ai-context';
import { buildConversationTurns } from './conversation-turns';
import { mediaLimits, mediaNotes, prepareMediaParts } from './media-blocks';

// Which files go to Claude as blocks and which become notes, read from real local storage.

let dir: string;
const tenant = randomUUID();
const gif = Buffer.concat([Buffer.from('GIF89a', 'latin1'), Buffer.from([10, 0, 10, 0]), Buffer.alloc(20)]);
let n = 0;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'media-blocks-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function stored(status: HistoryMedia['status'] = 'stored'): Promise<HistoryMedia> {
  const id = randomUUID();
  const storagePath = mediaPath(tenant, id);
  if (status === 'stored') await localMediaStorage(dir).put(storagePath, gif, 'image/gif');
  return {
    id,
    kind: 'image',
    mime_type: 'image/gif',
    byte_size: gif.length,
    status,
    storage_path: status === 'stored' ? storagePath : null,
    filename: null,
    transcript: null,
    transcript_status: null,
  };
}

function message(
  direction: 'inbound' | 'outbound',
  text: string,
  media: HistoryMedia[] = [],
): HistoryMessage {
  return {
    id: `m${++n}`,
    direction,
    sender: direction === 'inbound' ? 'lead' : 'ai',
    message_type: media.length ? 'image' : 'text',
    text,
    created_at: new Date(),
    deleted: false,
    media,
  };
}

describe('prepareMediaParts', () => {
  it('sends files only from the newest customer turns; older ones and missing ones are named', async () => {
    const history = [
      message('inbound', '[Imagen] antes', [await stored()]),
      message('outbound', 'Recibido'),
      message('inbound', '[Imagen] perdida', [await stored('unavailable')]),
      message('outbound', '¿Algo más?'),
      message('inbound', '[Imagen] nueva', [await stored()]),
      message('inbound', '¿Y esto?'),
    ];
    const parts = await prepareMediaParts(history, 1_000_000, localMediaStorage(dir), {
      ...mediaLimits,
      turnsWithFiles: 2,
    });
    const turns = buildConversationTurns(history, parts);
    expect(turns[0]!.content).toBe(`${mediaNotes.imageEarlier}\n[Imagen] antes`);
    expect(turns[2]!.content).toBe(`${mediaNotes.imageUnavailable}\n[Imagen] perdida`);
    expect(turns[4]!.content).toEqual([
      { type: 'image', source: { type: 'base64', media_type: 'image/gif', data: gif.toString('base64') } },
      { type: 'text', text: '[Imagen] nueva\n¿Y esto?' },
    ]);
  });

  it('stops at the file count limit, keeping the newest', async () => {
    const history = [
      message('inbound', '[Imagen] 1', [await stored()]),
      message('inbound', '[Imagen] 2', [await stored()]),
      message('inbound', '[Imagen] 3', [await stored()]),
    ];
    const parts = await prepareMediaParts(history, 1_000_000, localMediaStorage(dir), {
      ...mediaLimits,
      maxFilesPerRequest: 2,
    });
    expect(history.map((entry) => parts.get(entry.id)?.blocks.length)).toEqual([0, 1, 1]);
    expect(parts.get(history[0]!.id)?.notes).toEqual([mediaNotes.imageOverBudget]);
  });

  it('a budget of 0 sends no file', async () => {
    const history = [message('inbound', '[Imagen]', [await stored()])];
    const parts = await prepareMediaParts(history, 0, localMediaStorage(dir));
    expect(buildConversationTurns(history, parts)).toEqual([
      { role: 'user', content: `${mediaNotes.imageOverBudget}\n[Imagen]` },
    ]);
  });
});

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { localMediaStorage } from '@/src/media/local-media-storage';
import { mediaPath } from '@/src/media/media-storage';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function storage() {
  const dir = await mkdtemp(join(tmpdir(), 'media-'));
  dirs.push(dir);
  return localMediaStorage(dir);
}

describe('local media storage', () => {
  const tenant = '7f0c1d2e-0000-4000-8000-000000000001';
  const file = '7f0c1d2e-0000-4000-8000-0000000000aa';

  it('keeps the bytes and their type, and forgets them on removal', async () => {
    const store = await storage();
    const path = mediaPath(tenant, file);
    await store.put(path, Buffer.from('jpeg bytes'), 'image/jpeg');
    expect(await store.get(path)).toEqual({ bytes: Buffer.from('jpeg bytes'), mimeType: 'image/jpeg' });
    await store.remove([path]);
    expect(await store.get(path)).toBeNull();
  });

  it('refuses a path that is not <tenant id>/<file id>', async () => {
    const store = await storage();
    for (const path of ['../secrets', `${tenant}/../../etc/passwd`, `${tenant}`, `${tenant}/a/b`]) {
      await expect(store.get(path)).rejects.toThrow('Invalid media path');
    }
  });
});

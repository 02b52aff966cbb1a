import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { MediaStorage } from './media-storage';

// Media on the laptop: DATA_DIR/media/<tenant>/<file>, the type beside the bytes. Only our own
// ids make up a path; the resolve check refuses anything that would climb out of the folder.

function fileFor(root: string, path: string): string {
  const base = resolve(root, 'media');
  const full = resolve(base, path);
  if (!full.startsWith(`${base}/`) || !/^[0-9a-f-]+\/[0-9a-f-]+$/i.test(path)) {
    throw new Error('Invalid media path');
  }
  return full;
}

export function localMediaStorage(dataDir: string): MediaStorage {
  return {
    async put(path, bytes, mimeType) {
      const file = fileFor(dataDir, path);
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, bytes);
      await writeFile(`${file}.type`, mimeType);
    },
    async get(path) {
      const file = fileFor(dataDir, path);
      try {
        const [bytes, mimeType] = await Promise.all([readFile(file), readFile(`${file}.type`, 'utf8')]);
        return { bytes, mimeType };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async remove(paths) {
      for (const path of paths) {
        const file = fileFor(dataDir, path);
        await rm(file, { force: true });
        await rm(`${file}.type`, { force: true });
      }
    },
  };
}

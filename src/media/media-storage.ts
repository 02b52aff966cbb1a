import type { AppEnv } from '@/src/env';
import { localMediaStorage } from './local-media-storage';

// Where media bytes live. Paths are `<tenant_id>/<media_files.id>`: callers build them from a
// media_files row they read for their own tenant, never from a path a client sent.

export type StoredMedia = { bytes: Buffer; mimeType: string };

export type MediaStorage = {
  put: (path: string, bytes: Buffer, mimeType: string) => Promise<void>;
  get: (path: string) => Promise<StoredMedia | null>;
  remove: (paths: readonly string[]) => Promise<void>;
};

export function mediaPath(tenantId: string, fileId: string): string {
  return `${tenantId}/${fileId}`;
}

/** Supabase Storage's private bucket when configured (added with the media job), else DATA_DIR/media. */
export function mediaStorageFor(env: AppEnv): MediaStorage {
  return localMediaStorage(env.DATA_DIR);
}

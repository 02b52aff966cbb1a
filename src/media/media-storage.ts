import type { AppEnv } from '@/src/env';
import { localMediaStorage } from './local-media-storage';
import { supabaseMediaStorage } from './supabase-media-storage';

// Where media bytes live. Paths are `<tenant_id>/<media_files.id>`: callers build them from a
// media_files row they read for their own tenant, never from a path a client sent.

export type StoredMedia = { bytes: Buffer; mimeType: string };

export type MediaStorage = {
  put: (path: string, bytes: Buffer, mimeType: string) => Promise<void>;
  get: (path: string) => Promise<StoredMedia | null>;
  remove: (paths: readonly string[]) => Promise<void>;
  /**
   * A short-lived link the browser may fetch directly (Supabase Storage); absent where the app
   * serves the bytes itself (local). `downloadName` asks for an attachment download.
   */
  signedUrl?: (
    path: string,
    options: { expiresInSeconds: number; downloadName?: string },
  ) => Promise<string | null>;
};

export function mediaPath(tenantId: string, fileId: string): string {
  return `${tenantId}/${fileId}`;
}

/** Supabase Storage's private bucket (MEDIA_BUCKET) when Supabase is configured, else DATA_DIR/media. */
export function mediaStorageFor(env: AppEnv): MediaStorage {
  if (env.NEXT_PUBLIC_SUPABASE_URL && env.SUPABASE_SERVICE_ROLE_KEY) {
    return supabaseMediaStorage({
      url: env.NEXT_PUBLIC_SUPABASE_URL,
      serviceRoleKey: env.SUPABASE_SERVICE_ROLE_KEY,
      bucket: env.MEDIA_BUCKET,
      timeoutMs: Math.max(env.SUPABASE_HTTP_TIMEOUT_MS, env.MEDIA_DOWNLOAD_TIMEOUT_MS),
    });
  }
  return localMediaStorage(env.DATA_DIR);
}

import { fetchWithTimeout } from '@/src/db/fetch-with-timeout';
import type { MediaStorage } from './media-storage';

// Supabase Storage's REST API (the calls @supabase/storage-js makes), service role key:
// upload   POST   /storage/v1/object/<bucket>/<path>   (x-upsert: a re-run overwrites)
// download GET    /storage/v1/object/<bucket>/<path>
// remove   DELETE /storage/v1/object/<bucket>         {"prefixes": [paths]}
// sign     POST   /storage/v1/object/sign/<bucket>/<path> {"expiresIn"} → {"signedURL": "/object/sign/…?token=…"}
// The bucket is private: nothing is readable without the key or a signed URL.

type Options = { url: string; serviceRoleKey: string; bucket: string; timeoutMs: number };

function encodedPath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

async function failure(response: Response, what: string): Promise<Error> {
  const text = await response.text().catch(() => '');
  return new Error(`Supabase Storage ${what} failed: HTTP ${response.status} ${text.slice(0, 200)}`);
}

/** Storage answers a missing object with 404, or (older servers) 400 and statusCode "404". */
async function isMissing(response: Response): Promise<boolean> {
  if (response.status === 404) return true;
  if (response.status !== 400) return false;
  const body = (await response
    .clone()
    .json()
    .catch(() => null)) as { statusCode?: string } | null;
  return body?.statusCode === '404';
}

export function supabaseMediaStorage(options: Options): MediaStorage {
  const base = `${options.url.replace(/\/+$/, '')}/storage/v1`;
  const auth = { authorization: `Bearer ${options.serviceRoleKey}`, apikey: options.serviceRoleKey };
  const http = fetchWithTimeout(options.timeoutMs);
  const objectUrl = (path: string) => `${base}/object/${options.bucket}/${encodedPath(path)}`;
  return {
    async put(path, bytes, mimeType) {
      const response = await http(objectUrl(path), {
        method: 'POST',
        headers: { ...auth, 'content-type': mimeType, 'x-upsert': 'true', 'cache-control': 'max-age=3600' },
        body: new Uint8Array(bytes),
      });
      if (!response.ok) throw await failure(response, 'upload');
      await response.text();
    },
    async get(path) {
      const response = await http(objectUrl(path), { headers: auth });
      if (await isMissing(response)) return null;
      if (!response.ok) throw await failure(response, 'download');
      const mimeType = response.headers.get('content-type') ?? 'application/octet-stream';
      return { bytes: Buffer.from(await response.arrayBuffer()), mimeType };
    },
    async remove(paths) {
      if (paths.length === 0) return;
      const response = await http(`${base}/object/${options.bucket}`, {
        method: 'DELETE',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ prefixes: paths }),
      });
      if (!response.ok) throw await failure(response, 'remove');
      await response.text();
    },
    async signedUrl(path, { expiresInSeconds, downloadName }) {
      const response = await http(`${base}/object/sign/${options.bucket}/${encodedPath(path)}`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ expiresIn: expiresInSeconds }),
      });
      if (await isMissing(response)) return null;
      if (!response.ok) throw await failure(response, 'sign');
      const body = (await response.json()) as { signedURL?: string };
      if (typeof body.signedURL !== 'string' || !body.signedURL.startsWith('/')) {
        throw new Error('Supabase Storage sign answered without a signedURL');
      }
      const url = new URL(`${base}${body.signedURL}`);
      // `download` makes Storage answer with content-disposition: attachment (storage-js does the same).
      if (downloadName !== undefined) url.searchParams.set('download', downloadName);
      return url.href;
    },
  };
}

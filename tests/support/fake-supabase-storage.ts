import { randomUUID } from 'node:crypto';
import { HttpResponse, http } from 'msw';

// Supabase Storage's REST API as @supabase/storage-js 2.109 calls it, for one private bucket:
// upload (POST /object/<bucket>/<path>, x-upsert), download (GET /object/<bucket>/<path>),
// remove (DELETE /object/<bucket> {prefixes}), sign (POST /object/sign/<bucket>/<path>
// {expiresIn} → {signedURL}) and the signed GET (/object/sign/<bucket>/<path>?token=…[&download=name]).
// Every call but the signed GET needs the service role key (Authorization: Bearer and apikey);
// a missing object answers 400 {statusCode: "404", error: "not_found"} as Storage does.

export type FakeStorage = {
  objects: Map<string, { bytes: Buffer; contentType: string }>;
  tokens: Map<string, { path: string; expiresAt: number }>;
  handlers: ReturnType<typeof http.get>[];
};

const notFound = () =>
  HttpResponse.json({ statusCode: '404', error: 'not_found', message: 'Object not found' }, { status: 400 });

export function fakeSupabaseStorage(base: string, bucket: string, serviceKey: string): FakeStorage {
  const objects = new Map<string, { bytes: Buffer; contentType: string }>();
  const tokens = new Map<string, { path: string; expiresAt: number }>();
  const root = `${base}/storage/v1`;
  const authorised = (request: Request) =>
    request.headers.get('authorization') === `Bearer ${serviceKey}` &&
    request.headers.get('apikey') === serviceKey;
  const denied = () =>
    HttpResponse.json(
      { statusCode: '403', error: 'Unauthorized', message: 'invalid signature' },
      { status: 400 },
    );
  const objectPath = (params: Record<string, string | readonly string[] | undefined>) =>
    ([] as string[])
      .concat(params.path ?? [])
      .map(decodeURIComponent)
      .join('/');

  const handlers = [
    http.get(`${root}/object/sign/${bucket}/*`, ({ request }) => {
      const url = new URL(request.url);
      const grant = tokens.get(url.searchParams.get('token') ?? '');
      const path = decodeURIComponent(url.pathname.slice(`/storage/v1/object/sign/${bucket}/`.length));
      if (!grant || grant.path !== path || grant.expiresAt < Date.now()) return denied();
      const object = objects.get(path);
      if (!object) return notFound();
      const download = url.searchParams.get('download');
      return new HttpResponse(new Uint8Array(object.bytes), {
        headers: {
          'content-type': object.contentType,
          ...(download !== null ? { 'content-disposition': `attachment; filename="${download}"` } : {}),
        },
      });
    }),
    http.post(`${root}/object/sign/${bucket}/:path+`, async ({ request, params }) => {
      if (!authorised(request)) return denied();
      const path = objectPath(params);
      if (!objects.has(path)) return notFound();
      const { expiresIn } = (await request.json()) as { expiresIn: number };
      const token = randomUUID();
      tokens.set(token, { path, expiresAt: Date.now() + expiresIn * 1000 });
      return HttpResponse.json({ signedURL: `/object/sign/${bucket}/${path}?token=${token}` });
    }),
    http.post(`${root}/object/${bucket}/:path+`, async ({ request, params }) => {
      if (!authorised(request)) return denied();
      const path = objectPath(params);
      if (objects.has(path) && request.headers.get('x-upsert') !== 'true') {
        return HttpResponse.json(
          { statusCode: '409', error: 'Duplicate', message: 'The resource already exists' },
          { status: 400 },
        );
      }
      objects.set(path, {
        bytes: Buffer.from(await request.arrayBuffer()),
        contentType: request.headers.get('content-type') ?? 'application/octet-stream',
      });
      return HttpResponse.json({ Key: `${bucket}/${path}`, Id: randomUUID() });
    }),
    http.get(`${root}/object/${bucket}/:path+`, ({ request, params }) => {
      if (!authorised(request)) return denied();
      const object = objects.get(objectPath(params));
      if (!object) return notFound();
      return new HttpResponse(new Uint8Array(object.bytes), {
        headers: { 'content-type': object.contentType },
      });
    }),
    http.delete(`${root}/object/${bucket}`, async ({ request }) => {
      if (!authorised(request)) return denied();
      const { prefixes } = (await request.json()) as { prefixes: string[] };
      const removed = prefixes.filter((path) => objects.delete(path));
      return HttpResponse.json(removed.map((name) => ({ name, bucket_id: bucket })));
    }),
  ];
  return { objects, tokens, handlers };
}

import { createHash } from 'node:crypto';
import { HttpResponse, http } from 'msw';

// WhatsApp Cloud API media retrieval as PLATFORMS-2.md §5.1 documents it: GET /<MEDIA_ID>
// (Bearer token) → {messaging_product, url, mime_type, sha256, file_size (a string), id}; the
// url (lookaside.fbsbx.com) needs the same Bearer token and answers 404 once expired. Each
// retrieval hands out a new URL; `expireFirstUrls` makes that many of them 404.

export type FakeMedia = { bytes?: Buffer; mimeType: string; declaredSize?: number; sha256?: string };

export type FakeWhatsappMedia = {
  media: Map<string, FakeMedia>;
  retrievals: string[];
  downloads: string[];
  expireFirstUrls: number;
  handlers: ReturnType<typeof http.get>[];
};

export function fakeWhatsappMedia(graph: string, token: string): FakeWhatsappMedia {
  const fake: FakeWhatsappMedia = {
    media: new Map(),
    retrievals: [],
    downloads: [],
    expireFirstUrls: 0,
    handlers: [],
  };
  const urls = new Map<string, string>();
  let issued = 0;
  const bearer = (request: Request) => request.headers.get('authorization') === `Bearer ${token}`;
  fake.handlers = [
    http.get('https://lookaside.fbsbx.com/whatsapp_business/attachments/', ({ request }) => {
      const url = new URL(request.url);
      fake.downloads.push(url.href);
      if (!bearer(request)) return new HttpResponse(null, { status: 401 });
      const mediaId = urls.get(url.searchParams.get('hash') ?? '');
      const media = mediaId ? fake.media.get(mediaId) : undefined;
      if (!media?.bytes || Number(url.searchParams.get('n')) <= fake.expireFirstUrls) {
        return new HttpResponse(null, { status: 404 });
      }
      return new HttpResponse(new Uint8Array(media.bytes), {
        headers: { 'content-type': media.mimeType, 'content-length': String(media.bytes.length) },
      });
    }),
    http.get(`${graph}/v26.0/:mediaId`, ({ request, params }) => {
      const mediaId = String(params.mediaId);
      fake.retrievals.push(request.url);
      if (!bearer(request)) {
        return HttpResponse.json(
          {
            error: {
              message: 'Invalid OAuth access token.',
              type: 'OAuthException',
              code: 190,
              fbtrace_id: 'A1',
            },
          },
          { status: 401 },
        );
      }
      const media = fake.media.get(mediaId);
      if (!media) {
        return HttpResponse.json(
          {
            error: {
              message: `Unsupported get request. Object with ID '${mediaId}' does not exist`,
              type: 'GraphMethodException',
              code: 100,
              error_subcode: 33,
              fbtrace_id: 'A2',
            },
          },
          { status: 400 },
        );
      }
      issued += 1;
      const hash = `h${issued}`;
      urls.set(hash, mediaId);
      return HttpResponse.json({
        messaging_product: 'whatsapp',
        url: `https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=${mediaId}&ext=1785312004&hash=${hash}&n=${issued}`,
        mime_type: media.mimeType,
        sha256:
          media.sha256 ?? (media.bytes ? createHash('sha256').update(media.bytes).digest('hex') : 'unknown'),
        file_size: String(media.declaredSize ?? media.bytes?.length ?? 0),
        id: mediaId,
      });
    }),
  ];
  return fake;
}

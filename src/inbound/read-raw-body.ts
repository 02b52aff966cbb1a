import { AppError } from '@/src/shared/app-error';

// The body exactly as received (signatures are over these bytes), read once, refusing more
// than the limit without buffering it: WhatsApp documents payloads of up to 3 MB.

const maxWebhookBodyBytes = 3 * 1024 * 1024;

export async function readRawBody(request: Request, limit = maxWebhookBodyBytes): Promise<Buffer> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) {
    throw new AppError('payload_too_large', `body is larger than ${limit} bytes`);
  }
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Buffer[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw new AppError('payload_too_large', `body is larger than ${limit} bytes`);
    }
    chunks.push(Buffer.from(value));
  }
  return Buffer.concat(chunks, size);
}

import { isAppError } from '@/src/shared/app-error';
import { readRawBody } from './read-raw-body';
import { WebhookRefusal } from './webhook-refusal';

/** The raw body, or a 413 refusal past the size limit. */
export async function readWebhookBody(request: Request): Promise<Buffer> {
  try {
    return await readRawBody(request);
  } catch (error) {
    if (isAppError(error) && error.code === 'payload_too_large') {
      throw new WebhookRefusal('payload_too_large', 413, error.message);
    }
    throw error;
  }
}

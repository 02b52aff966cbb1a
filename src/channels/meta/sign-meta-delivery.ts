import { createHmac } from 'node:crypto';
import type { TestDelivery } from '@/src/channels/test-delivery';

/** Signs a body the way Meta does: X-Hub-Signature-256, HMAC-SHA256 of the exact bytes. */
export function signMetaDelivery(payload: unknown, secret: string, sender: string): TestDelivery {
  const body = JSON.stringify(payload);
  const signature = createHmac('sha256', secret).update(body).digest('hex');
  return { body, sender, headers: { 'x-hub-signature-256': `sha256=${signature}` } };
}

import { webhookErrorResponse } from './webhook-error-response';

// What a refused webhook request tells the caller. A 404 or 503 says nothing of which tenants,
// channels or connections exist (anyone can probe slugs); the precise outcome and detail stay in
// the logs and webhook_events. Other refusals only happen to a caller who found a real
// connection, and say what was wrong.
export function publicRefusalResponse(status: number, outcome: string, detail: string): Response {
  if (status === 404) return webhookErrorResponse(404, 'not_found', 'not found');
  if (status === 503) return webhookErrorResponse(503, 'unavailable', 'not ready to receive deliveries');
  return webhookErrorResponse(status, outcome, detail);
}

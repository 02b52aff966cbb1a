import type { WebhookEventOutcome } from './record-webhook-event';

// A request the pipeline refuses on purpose: its webhook_events outcome, HTTP status and a
// safe sentence for the caller (never a secret, a body or a customer's words).
export class WebhookRefusal extends Error {
  constructor(
    readonly outcome: WebhookEventOutcome,
    readonly status: number,
    readonly detail: string,
  ) {
    super(detail);
    this.name = 'WebhookRefusal';
  }
}

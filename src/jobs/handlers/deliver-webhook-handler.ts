import { z } from 'zod';
import { deliverWebhook } from '@/src/automations/deliver-webhook';
import { type JobHandler, RetryableJobError } from '../job-types';

// deliver_webhook ({"delivery_id"}): enqueued once per webhook_deliveries row by
// internal.automation_emit (and again by a staff "Reenviar"). A failed POST is retried after the
// delivery's own backoff; the row keeps a retry from delivering twice.

const payloadSchema = z.object({ delivery_id: z.uuid(), resend: z.boolean().optional() });

export const deliverWebhookHandler: JobHandler<typeof payloadSchema> = {
  type: 'deliver_webhook',
  payloadSchema,
  async run(payload, { job, db, env, deadline }) {
    const timeoutMs = Math.max(1000, Math.min(10_000, deadline - Date.now() - 1000));
    const outcome = await deliverWebhook(payload.delivery_id, {
      db,
      env,
      timeoutMs,
      isLastAttempt: job.attempts >= job.max_attempts,
    });
    if (outcome.status === 'retry') throw new RetryableJobError(outcome.error, outcome.retryAfterMs);
    return { kind: 'complete', result: outcome };
  },
};

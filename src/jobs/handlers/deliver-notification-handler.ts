import type { Agent } from 'node:https';
import { z } from 'zod';
import { deliverNotification, RetryDelivery } from '@/src/attention/deliver-notification';
import { type JobHandler, RetryableJobError } from '../job-types';

// deliver_notification ({"delivery_id"}): enqueued once per notification_deliveries row by
// internal.attention_record_event (an escalation, a new HOT lead). Retried with the queue's
// backoff when a push service or the SMTP server fails; the row keeps a retry from sending twice.

const payloadSchema = z.object({ delivery_id: z.uuid() });

export function createDeliverNotificationHandler(
  options: { httpsAgent?: Agent } = {},
): JobHandler<typeof payloadSchema> {
  return {
    type: 'deliver_notification',
    payloadSchema,
    async run(payload, { db, env, deadline }) {
      const timeoutMs = Math.max(1000, Math.min(10_000, deadline - Date.now() - 1000));
      try {
        const outcome = await deliverNotification(payload.delivery_id, {
          db,
          env,
          timeoutMs,
          httpsAgent: options.httpsAgent,
        });
        return { kind: 'complete', result: outcome };
      } catch (error) {
        if (error instanceof RetryDelivery) throw new RetryableJobError(error.message);
        throw error;
      }
    },
  };
}

export const deliverNotificationHandler = createDeliverNotificationHandler();

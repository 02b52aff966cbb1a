import { z } from 'zod';
import { type Channel, channelNames } from '@/src/channels/channel-registry';
import { deliverOutboundMessage } from '@/src/outbound/deliver-outbound-message';
import { type JobHandler, PermanentJobError, RetryableJobError } from '../job-types';

// send_<channel> jobs ({"message_id"}, dedupe 'send:'||message_id). The message row records
// the outcome itself; the job only says done, retry later, or failed for good.

const payloadSchema = z.object({ message_id: z.uuid() });

function createSendHandler(channel: Channel): JobHandler<typeof payloadSchema> {
  return {
    type: `send_${channel}`,
    payloadSchema,
    async run(payload, { job, db, env, signal }) {
      if (!job.tenant_id) throw new PermanentJobError('send job without a tenant');
      const result = await deliverOutboundMessage({
        db,
        env,
        channel,
        messageId: payload.message_id,
        tenantId: job.tenant_id,
        isLastAttempt: job.attempts >= job.max_attempts,
        signal,
      });
      if (result.status === 'retry') {
        throw new RetryableJobError(`${result.code}: ${result.staffMessage}`, result.retryAfterMs);
      }
      if (result.status === 'failed') throw new PermanentJobError(`${result.code}: ${result.staffMessage}`);
      if (result.status === 'skipped') return { kind: 'complete', result: { skipped: result.reason } };
      return {
        kind: 'complete',
        result: { platform_message_id: result.platformMessageId, sandbox: result.sandbox },
      };
    },
  };
}

export const sendHandlers = channelNames.map(createSendHandler);

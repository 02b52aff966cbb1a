import { z } from 'zod';
import { PlatformUnavailableError } from '@/src/channels/token-health-types';
import { checkConnectionHealth } from '../check-connection-health';
import { type FollowUpJob, type JobHandler, RetryableJobError } from '../job-types';

// token_health ({"connection_id"}): one connection's token check (src/jobs/check-connection-health.ts).
// Enqueued by a new token (trigger on channel_connections), by the daily sweep
// (scheduleTokenHealthChecks), and by itself before a short-lived refreshed token expires.

export const tokenHealthJobType = 'token_health';

const payloadSchema = z.object({ connection_id: z.uuid() });

export const tokenHealthHandler: JobHandler<typeof payloadSchema> = {
  type: tokenHealthJobType,
  payloadSchema,
  async run(payload, { job, db, env, signal }) {
    let result: Awaited<ReturnType<typeof checkConnectionHealth>>;
    try {
      result = await checkConnectionHealth({ db, env, now: new Date(), signal }, payload.connection_id);
    } catch (error) {
      if (error instanceof PlatformUnavailableError)
        throw new RetryableJobError(error.message, error.retryAfterMs);
      throw error;
    }
    const followUps: FollowUpJob[] =
      result.outcome === 'recorded' && result.checkAgainAt
        ? [
            {
              job_type: tokenHealthJobType,
              payload: { connection_id: payload.connection_id },
              tenant_id: job.tenant_id,
              priority: -5,
              dedupe_key: `${tokenHealthJobType}:${payload.connection_id}`,
              scheduled_for: result.checkAgainAt.toISOString(),
            },
          ]
        : [];
    return { kind: 'complete', result: { ...result, checkAgainAt: undefined }, followUps };
  },
};

import { z } from 'zod';
import { log } from '@/src/shared/logger';
import type { JobHandler } from '../job-types';

// token_expiry_notice: enqueued by public.token_health_record in the transaction that first
// warns about an expiry (expiry_warned_at), so each expiry is announced once. Staff already see
// the dashboard banner; this is the seam for the email to the tenant's owners, which waits for
// the email channel (there is none yet): for now it only logs.

const payloadSchema = z.object({
  connection_id: z.uuid(),
  channel: z.string(),
  expires_at: z.string(),
});

export const tokenExpiryNoticeHandler: JobHandler<typeof payloadSchema> = {
  type: 'token_expiry_notice',
  payloadSchema,
  async run(payload, { job }) {
    log.warn('token_health.expiry_notice', {
      tenantId: job.tenant_id,
      connectionId: payload.connection_id,
      channel: payload.channel,
      expiresAt: payload.expires_at,
      delivered: 'dashboard_banner_only',
    });
    return { kind: 'complete', result: { email: 'not_sent_no_email_channel' } };
  },
};

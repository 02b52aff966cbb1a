import { z } from 'zod';
import { channelAdapter, channelSchema } from '@/src/channels/channel-registry';
import { openAccessToken } from '@/src/outbound/connection-access-token';
import { PlatformNetworkError, postPlatformRequest } from '@/src/outbound/post-platform-request';
import { failureWithoutToken } from '@/src/outbound/without-token';
import { log } from '@/src/shared/logger';
import { type JobHandler, PermanentJobError, RetryableJobError } from '../job-types';
import { loadProfileContext, markNeedsReauth, recordProfile } from './profile-store';

// fetch_profile ({"lead_id"}, dedupe 'fetch_profile:'||lead_id): name, username and picture
// from the channel's profile lookup (Messenger, Instagram), once per lead. Channels without one
// send names with the webhook; sandbox connections have no API to ask.

const payloadSchema = z.object({ lead_id: z.uuid() });
const none = { name: null, username: null, pictureUrl: null };

export const fetchProfileHandler: JobHandler<typeof payloadSchema> = {
  type: 'fetch_profile',
  payloadSchema,
  async run(payload, { job, db, env, signal }) {
    const context = await loadProfileContext(db, payload.lead_id);
    if (!context) return { kind: 'complete', result: { skipped: 'lead_missing' } };
    const { lead, identity, connection } = context;
    if (lead.tenant_id !== job.tenant_id) throw new PermanentJobError('job and lead tenants differ');
    if (lead.profile_fetched_at) return { kind: 'complete', result: { skipped: 'already_fetched' } };
    const known = channelSchema.safeParse(lead.origin_channel);
    const fetcher = known.success ? channelAdapter(known.data).profile : undefined;
    if (!known.success || !fetcher) return { kind: 'complete', result: { skipped: 'not_supported' } };
    const channel = known.data;
    if (!identity || !connection)
      return { kind: 'complete', result: { skipped: 'no_identity_or_connection' } };
    if (connection.mode === 'sandbox') return { kind: 'complete', result: { skipped: 'sandbox' } };
    if (connection.status !== 'connected')
      return { kind: 'complete', result: { skipped: `connection_${connection.status}` } };
    const token = openAccessToken(env, lead.tenant_id, channel, connection.access_token_encrypted);
    if (!token) return { kind: 'complete', result: { skipped: 'no_access_token' } };
    let http: Awaited<ReturnType<typeof postPlatformRequest>>;
    try {
      http = await postPlatformRequest(fetcher.buildRequest(identity.external_id, connection, token, env), {
        timeoutMs: env.SEND_REQUEST_TIMEOUT_MS,
        signal,
      });
    } catch (error) {
      if (error instanceof PlatformNetworkError)
        throw new RetryableJobError(`profile lookup: ${error.message}`);
      throw error;
    }
    const response = fetcher.readResponse(http.status, http.body);
    const fields = { tenantId: lead.tenant_id, leadId: lead.id, channel };
    if (response.ok) {
      await recordProfile(db, lead.id, identity.external_id, response.profile);
      log.info('profile.fetched', { ...fields, hasName: Boolean(response.profile.name) });
      return { kind: 'complete', result: { fetched: true } };
    }
    const failure = failureWithoutToken(response.failure, token);
    if (failure.kind === 'reauth') {
      await markNeedsReauth(db, lead.tenant_id, channel, failure.staffMessage);
      throw new PermanentJobError(`${failure.code}: ${failure.staffMessage}`);
    }
    if (failure.kind === 'retryable')
      throw new RetryableJobError(`${failure.code}: ${failure.staffMessage}`, failure.retryAfterMs);
    // No consent, blocked, unknown user: asking again will not help.
    await recordProfile(db, lead.id, identity.external_id, none);
    log.info('profile.unavailable', { ...fields, code: failure.code });
    return { kind: 'complete', result: { fetched: false, code: failure.code } };
  },
};

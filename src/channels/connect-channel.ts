import { z } from 'zod';
import type { DbPort } from '@/src/db/rpc-port';
import { AppError } from '@/src/shared/app-error';
import { type Channel, channelSchema } from './channel-registry';
import { buildConnectionFields } from './connection-fields';
import { guardConnectionSave, type SaveGuardEnv } from './ownership/guard-connection-save';
import { twilioColumns } from './twilio/twilio-connection-values';

// Creates or updates a tenant's connection for one channel (operator path: CLI, seed). Secrets
// are encrypted before they reach the database; only hints come back.

const accountId = z.string().trim().min(1).max(128);
const secret = z.string().min(1).max(4096);

export const connectChannelSchema = z
  .object({
    tenantSlug: z.string().min(1),
    channel: channelSchema,
    mode: z.enum(['live', 'sandbox']).optional(),
    aiEnabled: z.boolean().optional(),
    displayName: z.string().max(200).optional(),
    phoneNumberId: accountId.optional(),
    businessAccountId: accountId.optional(),
    displayPhoneNumber: z
      .string()
      .regex(/^\d{6,20}$/, 'digits only, no +')
      .optional(),
    pageId: accountId.optional(),
    instagramAccountId: accountId.optional(),
    businessId: accountId.optional(),
    emailAddress: z.email().max(254).optional(),
    accessToken: secret.optional(),
    appSecret: secret.optional(),
    clientSecret: secret.optional(),
    /** Email: the "user:password" of the Basic credentials in Postmark's webhook URL. */
    inboundCredentials: z
      .string()
      .regex(/^[^:\s]+:\S{12,}$/, 'user:password, the password at least 12 characters')
      .max(512)
      .optional(),
    verifyToken: z.string().min(8, 'at least 8 characters').max(256).optional(),
    // Twilio (src/channels/twilio/twilio-connection-values.ts).
    accountSid: accountId.optional(),
    authToken: secret.optional(),
    apiKeySid: accountId.optional(),
    apiKeySecret: secret.optional(),
    from: accountId.optional(),
    messagingServiceSid: accountId.optional(),
  })
  .strict();

export type ConnectChannelInput = z.input<typeof connectChannelSchema>;

export type MaskedConnection = {
  id: string;
  tenant_id: string;
  channel: Channel;
  mode: 'live' | 'sandbox';
  status: string;
  ai_enabled: boolean;
  access_token: string | null;
  webhook_secret: string | null;
  verify_token: string | null;
  [field: string]: unknown;
};

/**
 * `guard` (the CLI always passes it) refuses the deployment's own secret and proves, with the
 * token given, that an id going live is the tenant's. Seeds and fixtures save without it.
 */
export async function connectChannel(
  db: DbPort,
  encryptionKey: string,
  input: ConnectChannelInput,
  guard?: SaveGuardEnv,
): Promise<MaskedConnection> {
  const parsed = connectChannelSchema.safeParse(input);
  if (!parsed.success) throw new AppError('bad_request', z.prettifyError(parsed.error));
  const { accountSid, authToken, apiKeySid, apiKeySecret, from, messagingServiceSid, ...rest } = parsed.data;
  const twilioInput = { accountSid, authToken, apiKeySid, apiKeySecret, from, messagingServiceSid };
  if (rest.channel !== 'twilio' && Object.values(twilioInput).some((field) => field !== undefined)) {
    throw new AppError('bad_request', '--account-sid, --auth-token, --from … are for Twilio');
  }
  if (rest.channel === 'twilio' && (rest.appSecret || rest.accessToken || rest.clientSecret)) {
    throw new AppError('bad_request', 'Twilio uses --account-sid and --auth-token (or an API key)');
  }
  const value = rest.channel === 'twilio' ? { ...rest, ...twilioColumns(twilioInput) } : rest;
  if (value.channel === 'tiktok' && value.appSecret) {
    throw new AppError('bad_request', 'TikTok uses --client-secret, not --app-secret');
  }
  if (value.channel !== 'email' && value.inboundCredentials !== undefined) {
    throw new AppError('bad_request', '--inbound-credentials is for email only');
  }
  if (value.channel === 'email' && (value.appSecret || value.clientSecret)) {
    throw new AppError('bad_request', 'Email uses --inbound-credentials user:password, not an app secret');
  }
  if (value.channel !== 'tiktok' && value.clientSecret) {
    throw new AppError('bad_request', '--client-secret is for TikTok; Meta channels use --app-secret');
  }
  const tenant = await db.rpc('admin_get_tenant', { p_slug: value.tenantSlug });
  if (guard) {
    const stored = await db.rpc('admin_list_channel_connections', { p_tenant_slug: value.tenantSlug });
    await guardConnectionSave(
      guard,
      stored.find((connection) => connection.channel === value.channel),
      value,
    );
  }
  const fields = buildConnectionFields(value, encryptionKey, tenant.id);
  return db.rpc('admin_upsert_channel_connection', {
    p_tenant_slug: value.tenantSlug,
    p_channel: value.channel,
    p_fields: fields,
  });
}

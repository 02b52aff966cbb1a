import { z } from 'zod';
import { channelSchema } from '@/src/channels/channel-registry';
import { buildConnectionFields } from '@/src/channels/connection-fields';
import { guardConnectionSave, type SaveGuardEnv } from '@/src/channels/ownership/guard-connection-save';
import { twilioColumns } from '@/src/channels/twilio/twilio-connection-values';
import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import { AppError } from '@/src/shared/app-error';
import { log } from '@/src/shared/logger';
import type { TenantContext } from '../tenants/resolve-tenant';
import { channelFormSchema, staffConnectSchema, toConnectInput } from './channel-form-schema';
import type { ChannelCard } from './load-channels';
import { twilioConnectionInput, twilioFormFieldsSchema } from './twilio-form-input';

// Connect or edit a channel as the signed-in admin. Secrets are encrypted here, bound to this
// tenant + channel + field, before they reach SQL; the answer carries only masked hints.

function invalid(error: z.ZodError): AppError {
  const fields = [...new Set(error.issues.map((issue) => String(issue.path[0] ?? 'form')))];
  return new AppError('bad_request', `Invalid fields: ${fields.join(', ')}`, { fields });
}

/** The form as the shared connect input: Twilio's own fields, the generic ones otherwise. */
function connectInput(form: z.infer<typeof channelFormSchema>): unknown {
  if (form.channel !== 'twilio') return toConnectInput(form);
  const twilio = twilioFormFieldsSchema.safeParse(form);
  if (!twilio.success) throw invalid(twilio.error);
  const { channel, mode, aiEnabled, displayName } = form;
  return {
    channel,
    mode,
    aiEnabled: aiEnabled === 'on',
    ...(displayName === undefined ? {} : { displayName }),
    ...twilioConnectionInput(twilio.data),
  };
}

type StaffConnectValue = z.infer<typeof staffConnectSchema>;

/**
 * Twilio's fields as the connection's columns (as `channel connect` stores them). The sealed send
 * credentials name their account, so a new Account SID without its Auth Token is refused.
 */
function twilioValue(value: StaffConnectValue, stored: ChannelCard | undefined) {
  const { accountSid, authToken, apiKeySid, apiKeySecret, from, messagingServiceSid, ...rest } = value;
  if (authToken === undefined && accountSid !== undefined && stored?.business_account_id !== accountSid) {
    throw new AppError('bad_request', 'A new Account SID needs its Auth Token', { fields: ['authToken'] });
  }
  return {
    ...rest,
    ...twilioColumns({ accountSid, authToken, apiKeySid, apiKeySecret, from, messagingServiceSid }),
  };
}

export async function saveChannel(
  db: DbPort,
  staff: StaffIdentity,
  tenant: TenantContext,
  encryptionKey: string | undefined,
  formInput: unknown,
  guard?: SaveGuardEnv,
): Promise<ChannelCard> {
  if (!encryptionKey) throw new AppError('unavailable', 'ENCRYPTION_KEY is not set');
  const form = channelFormSchema.safeParse(formInput);
  if (!form.success) throw invalid(form.error);
  const parsed = staffConnectSchema.safeParse(connectInput(form.data));
  if (!parsed.success) throw invalid(parsed.error);
  const twilio = parsed.data.channel === 'twilio';
  const stored =
    guard || twilio
      ? (await db.rpc('dashboard_channels', { p_tenant_id: tenant.id }, { as: staff })).connections.find(
          (connection) => connection.channel === parsed.data.channel,
        )
      : undefined;
  const value = twilio ? twilioValue(parsed.data, stored) : parsed.data;
  if (guard) await guardConnectionSave(guard, stored, value);
  const fields = buildConnectionFields(value, encryptionKey, tenant.id);
  const card = await db.rpc(
    'dashboard_save_channel',
    { p_tenant_id: tenant.id, p_channel: value.channel, p_fields: fields },
    { as: staff },
  );
  log.info('dashboard.channel_saved', { tenantId: tenant.id, channel: value.channel, mode: card.mode });
  return card;
}

const channelStatusSchema = z.object({
  channel: channelSchema,
  enabled: z.enum(['on', 'off']),
});

/** Disable (status disconnected: webhooks refused, nothing sent) or enable again. */
export async function setChannelEnabled(
  db: DbPort,
  staff: StaffIdentity,
  tenant: TenantContext,
  input: unknown,
): Promise<ChannelCard> {
  const parsed = channelStatusSchema.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error);
  const status = parsed.data.enabled === 'on' ? 'connected' : 'disconnected';
  const card = await db.rpc(
    'dashboard_save_channel',
    { p_tenant_id: tenant.id, p_channel: parsed.data.channel, p_fields: { status } },
    { as: staff },
  );
  log.info('dashboard.channel_status', { tenantId: tenant.id, channel: parsed.data.channel, status });
  return card;
}

import { z } from 'zod';
import { channelSchema } from '@/src/channels/channel-registry';
import { buildConnectionFields } from '@/src/channels/connection-fields';
import { guardConnectionSave, type SaveGuardEnv } from '@/src/channels/ownership/guard-connection-save';
import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import { AppError } from '@/src/shared/app-error';
import { log } from '@/src/shared/logger';
import type { TenantContext } from '../tenants/resolve-tenant';
import { channelFormSchema, staffConnectSchema, toConnectInput } from './channel-form-schema';
import type { ChannelCard } from './load-channels';

// Connect or edit a channel as the signed-in admin. Secrets are encrypted here, bound to this
// tenant + channel + field, before they reach SQL; the answer carries only masked hints.

function invalid(error: z.ZodError): AppError {
  const fields = [...new Set(error.issues.map((issue) => String(issue.path[0] ?? 'form')))];
  return new AppError('bad_request', `Invalid fields: ${fields.join(', ')}`, { fields });
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
  const parsed = staffConnectSchema.safeParse(toConnectInput(form.data));
  if (!parsed.success) throw invalid(parsed.error);
  const value = parsed.data;
  if (guard) {
    const page = await db.rpc('dashboard_channels', { p_tenant_id: tenant.id }, { as: staff });
    await guardConnectionSave(
      guard,
      page.connections.find((connection) => connection.channel === value.channel),
      value,
    );
  }
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

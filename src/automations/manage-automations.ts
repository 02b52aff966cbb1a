import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { ResultOf } from '@/src/db/function-types';
import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import type { AppEnv } from '@/src/env';
import { AppError } from '@/src/shared/app-error';
import { automationEvents } from './automation-events';
import { allowsLocalWebhooks } from './local-webhooks';
import { createWebhookSecret, sealWebhookSecret } from './webhook-secret';
import { checkWebhookUrl } from './webhook-url-policy';

// The Automatizaciones page's reads and writes (admins). A new endpoint's secret is returned once,
// to be shown once; the database keeps it sealed. Forms send each event as its own checkbox
// ("event:message.received" = "on").

export type AutomationSettings = ResultOf<'dashboard_automation_settings'>;
type Tenant = { id: string };
type Form = Record<string, string | undefined>;

export function loadAutomationSettings(
  db: DbPort,
  staff: StaffIdentity,
  tenant: Tenant,
): Promise<AutomationSettings> {
  return db.rpc('dashboard_automation_settings', { p_tenant_id: tenant.id }, { as: staff });
}

const descriptionSchema = z
  .string()
  .trim()
  .max(200)
  .optional()
  .transform((value) => value || null);

function eventsFrom(form: Form): string[] {
  const chosen = automationEvents.filter((event) => form[`event:${event}`] === 'on');
  if (chosen.length === 0) {
    throw new AppError('bad_request', 'Invalid fields: events', {
      fields: ['events'],
      reason: 'automation_no_events',
    });
  }
  return chosen;
}

function fieldsFrom(form: Form, env: AppEnv) {
  const description = descriptionSchema.safeParse(form.description ?? '');
  if (!description.success)
    throw new AppError('bad_request', 'Invalid fields: description', { fields: ['description'] });
  return {
    url: checkWebhookUrl(form.url ?? '', allowsLocalWebhooks(env)),
    events: eventsFrom(form),
    description: description.data,
  };
}

export async function createAutomationEndpoint(
  db: DbPort,
  staff: StaffIdentity,
  tenant: Tenant,
  env: AppEnv,
  form: Form,
): Promise<{ id: string; secret: string }> {
  const fields = fieldsFrom(form, env);
  if (!env.ENCRYPTION_KEY) throw new AppError('unavailable', 'ENCRYPTION_KEY is not set');
  const id = randomUUID();
  const secret = createWebhookSecret();
  const sealed = sealWebhookSecret(secret, env.ENCRYPTION_KEY, tenant.id, id);
  await db.rpc(
    'dashboard_automation_create_endpoint',
    {
      p_tenant_id: tenant.id,
      p_endpoint_id: id,
      p_url: fields.url,
      p_events: fields.events,
      p_description: fields.description,
      p_secret_encrypted: sealed.sealed,
      p_secret_hint: sealed.hint,
    },
    { as: staff },
  );
  return { id, secret };
}

const idSchema = z.uuid();

function idFrom(value: unknown, what: string): string {
  const id = idSchema.safeParse(value);
  if (!id.success) throw new AppError('not_found', `${what} not found`);
  return id.data;
}

export function updateAutomationEndpoint(
  db: DbPort,
  staff: StaffIdentity,
  tenant: Tenant,
  env: AppEnv,
  form: Form,
) {
  const fields = fieldsFrom(form, env);
  return db.rpc(
    'dashboard_automation_update_endpoint',
    {
      p_tenant_id: tenant.id,
      p_endpoint_id: idFrom(form.endpointId, 'Endpoint'),
      p_url: fields.url,
      p_events: fields.events,
      p_description: fields.description,
      p_active: form.active === 'on',
    },
    { as: staff },
  );
}

export function resendAutomationDelivery(db: DbPort, staff: StaffIdentity, tenant: Tenant, form: Form) {
  return db.rpc(
    'dashboard_automation_resend',
    { p_tenant_id: tenant.id, p_delivery_id: idFrom(form.deliveryId, 'Delivery') },
    { as: staff },
  );
}

export function setWorkflowMode(db: DbPort, staff: StaffIdentity, tenant: Tenant, form: Form) {
  const on = z.enum(['on', 'off']).safeParse(form.mode);
  if (!on.success) throw new AppError('bad_request', 'Invalid fields: mode', { fields: ['mode'] });
  return db.rpc(
    'dashboard_automation_set_workflow_mode',
    { p_tenant_id: tenant.id, p_on: on.data === 'on' },
    { as: staff },
  );
}

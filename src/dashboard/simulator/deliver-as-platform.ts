import { z } from 'zod';
import { channelSchema } from '@/src/channels/channel-registry';
import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import type { AppEnv } from '@/src/env';
import { buildTestDelivery } from '@/src/inbound/build-test-delivery';
import { loadWebhookConnection } from '@/src/inbound/load-webhook-connection';
import { webhookSecrets } from '@/src/inbound/webhook-secrets';
import { AppError } from '@/src/shared/app-error';
import { log } from '@/src/shared/logger';
import type { TenantContext } from '../tenants/resolve-tenant';

// The simulator and the channel "send test" play the PLATFORM (Meta, TikTok): they build a
// realistic delivery, sign it with the connection's secret and POST it to our real webhook
// route, which verifies it like any other. A platform holds that secret, so this is the one
// place the dashboard reads a connection through the operator path (the same read the route
// and `cli webhook send` do). It is fenced in on every side: local mode only, a member of this
// tenant (checked as them before this runs), the connection must belong to that tenant, and it
// must be in sandbox mode so replies go to the local outbox and never to a real person.

const simulatedMessageSchema = z.object({
  channel: channelSchema,
  text: z.string().trim().min(1).max(4096),
  from: z
    .string()
    .regex(/^[A-Za-z0-9._:-]{1,128}$/)
    .optional(),
});

export type PlatformDelivery = { status: number; sender: string; answer: unknown };

export async function deliverAsPlatform(
  db: DbPort,
  _staff: StaffIdentity,
  tenant: TenantContext,
  env: AppEnv,
  input: unknown,
  options: { fetch?: typeof fetch } = {},
): Promise<PlatformDelivery> {
  if (env.appMode !== 'local') throw new AppError('forbidden', 'The simulator only exists in local mode');
  const parsed = simulatedMessageSchema.safeParse(input);
  if (!parsed.success) {
    throw new AppError('bad_request', 'Invalid simulated message', {
      fields: [...new Set(parsed.error.issues.map((issue) => String(issue.path[0])))],
    });
  }
  const { channel, text, from } = parsed.data;
  const lookup = await loadWebhookConnection(db, tenant.slug, channel, { fresh: true });
  if (lookup.found !== 'connection' || lookup.tenant_id !== tenant.id) {
    throw new AppError('not_found', `No ${channel} connection`);
  }
  if (lookup.mode !== 'sandbox') throw new AppError('conflict', 'The connection is not in sandbox mode');
  const [secret] = webhookSecrets(lookup, env);
  if (!secret) throw new AppError('unavailable', 'The connection has no webhook secret');
  const path = `/api/webhook/${channel}/${tenant.slug}`;
  const url = `http://127.0.0.1:${env.PORT}${path}`;
  // Signed for the URL the route checks: the public one where APP_BASE_URL is set (Twilio).
  const publicUrl = `${(env.APP_BASE_URL ?? `http://127.0.0.1:${env.PORT}`).replace(/\/+$/, '')}${path}`;
  const delivery = buildTestDelivery({
    channel,
    connection: lookup,
    secret,
    text,
    sender: from,
    url: publicUrl,
  });
  const response = await (options.fetch ?? fetch)(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...delivery.headers },
    body: delivery.body,
  });
  const raw = await response.text();
  let answer: unknown = raw;
  try {
    answer = JSON.parse(raw);
  } catch {
    // not JSON: keep the text
  }
  log.info('dashboard.simulated_delivery', { tenantId: tenant.id, channel, status: response.status });
  return { status: response.status, sender: delivery.sender, answer };
}

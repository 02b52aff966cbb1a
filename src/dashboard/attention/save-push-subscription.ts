import {
  endpointDigest,
  pushSubscriptionSchema,
  sealPushSubscription,
} from '@/src/attention/push-subscription-seal';
import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import type { AppEnv } from '@/src/env';
import { AppError } from '@/src/shared/app-error';
import type { TenantContext } from '../tenants/resolve-tenant';

// This browser's push subscription for the signed-in member, sealed before it reaches the
// database. The endpoint is never logged.
export async function savePushSubscription(
  db: DbPort,
  staff: StaffIdentity,
  tenant: TenantContext,
  env: AppEnv,
  input: unknown,
): Promise<void> {
  const parsed = pushSubscriptionSchema.safeParse(typeof input === 'string' ? parseJson(input) : input);
  if (!parsed.success) throw new AppError('bad_request', 'Invalid push subscription');
  if (!env.ENCRYPTION_KEY) throw new AppError('unavailable', 'ENCRYPTION_KEY is not set');
  const userId = String(staff.claims.sub);
  await db.rpc(
    'dashboard_save_push_subscription',
    {
      p_tenant_id: tenant.id,
      p_endpoint_digest: endpointDigest(parsed.data.endpoint),
      p_sealed_subscription: sealPushSubscription(parsed.data, env.ENCRYPTION_KEY, tenant.id, userId),
    },
    { as: staff },
  );
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

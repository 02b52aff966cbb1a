import { createHash, randomBytes } from 'node:crypto';
import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import type { TenantContext } from '../../tenants/resolve-tenant';

// The OAuth `state` of a self-serve flow: random, handed to the browser, stored only as its
// SHA-256, bound in SQL to the member and the tenant, valid 15 minutes and used once (CSRF, and a
// second click or replayed callback never repeats a side effect).

export type OnboardingFlow = 'whatsapp_signup' | 'meta_pages' | 'tiktok_oauth';

export function stateDigest(state: string): string {
  return createHash('sha256').update(state, 'utf8').digest('hex');
}

export async function beginOnboarding(
  db: DbPort,
  staff: StaffIdentity,
  tenant: TenantContext,
  flow: OnboardingFlow,
): Promise<string> {
  const state = randomBytes(32).toString('base64url');
  await db.rpc(
    'dashboard_begin_onboarding',
    { p_tenant_id: tenant.id, p_flow: flow, p_state_digest: stateDigest(state) },
    { as: staff },
  );
  return state;
}

/** Marks the state used; refuses (409, reason state_invalid) an unknown, expired or used one. */
export async function consumeOnboarding(
  db: DbPort,
  staff: StaffIdentity,
  tenant: TenantContext,
  flow: OnboardingFlow,
  state: string,
): Promise<{ payloadEncrypted: string | null }> {
  const row = await db.rpc(
    'dashboard_consume_onboarding',
    { p_tenant_id: tenant.id, p_flow: flow, p_state_digest: stateDigest(state) },
    { as: staff },
  );
  return { payloadEncrypted: row.payload_encrypted };
}

export async function stashOnboarding(
  db: DbPort,
  staff: StaffIdentity,
  tenant: TenantContext,
  flow: OnboardingFlow,
  state: string,
  payloadEncrypted: string,
): Promise<void> {
  await db.rpc(
    'dashboard_stash_onboarding',
    {
      p_tenant_id: tenant.id,
      p_flow: flow,
      p_state_digest: stateDigest(state),
      p_payload_encrypted: payloadEncrypted,
    },
    { as: staff },
  );
}

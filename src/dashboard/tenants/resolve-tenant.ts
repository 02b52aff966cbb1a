import { z } from 'zod';
import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import { AppError } from '@/src/shared/app-error';

// The tenant in the URL, if and only if the signed-in staff member belongs to it (from
// tenant_members, under their own identity). Everything after uses its id.

type StaffRole = 'owner' | 'admin' | 'agent';
export type TenantSummary = { id: string; slug: string; name: string; role: StaffRole };
export type TenantContext = TenantSummary & { timezone: string; locale: string };

const tenantSlugSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/);

export async function listMyTenants(db: DbPort, staff: StaffIdentity): Promise<TenantSummary[]> {
  return db.rpc('my_tenants', {}, { as: staff });
}

export async function resolveTenant(db: DbPort, staff: StaffIdentity, slug: unknown): Promise<TenantContext> {
  const parsed = tenantSlugSchema.safeParse(slug);
  if (!parsed.success) throw new AppError('not_found', 'Tenant not found');
  return db.rpc('dashboard_tenant', { p_tenant_slug: parsed.data }, { as: staff });
}

export function canAdminister(tenant: TenantSummary): boolean {
  return tenant.role === 'owner' || tenant.role === 'admin';
}

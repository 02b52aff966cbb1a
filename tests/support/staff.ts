import type { StaffIdentity } from '@/src/db/rpc-port';
import type { TestDatabase } from './test-database';

// Tenants and staff made through the same operator functions the CLI uses.

export function staffIdentity(userId: string, email?: string): StaffIdentity {
  return { claims: { sub: userId, role: 'authenticated', ...(email ? { email } : {}) } };
}

export async function createTenantWithStaff(
  test: TestDatabase,
  slug: string,
  role: 'owner' | 'admin' | 'agent' = 'owner',
): Promise<{ tenantId: string; userId: string; staff: StaffIdentity }> {
  const tenant = await test.db.rpc('admin_create_tenant', {
    p_slug: slug,
    p_name: `Tenant ${slug}`,
  });
  const member = await test.db.rpc('admin_seed_staff_member', {
    p_tenant_slug: slug,
    p_email: `${role}@${slug}.example`,
    p_role: role,
  });
  return {
    tenantId: tenant.id,
    userId: member.user_id,
    staff: staffIdentity(member.user_id, `${role}@${slug}.example`),
  };
}

import type { ResultOf } from '@/src/db/function-types';
import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import type { TenantContext } from '../tenants/resolve-tenant';

// What needs the signed-in member: unread customer messages per open conversation (by the
// member's own read markers), escalations and HOT leads among them, and the newest event.

export type Attention = ResultOf<'dashboard_attention'>;
export type UnreadCounts = ResultOf<'dashboard_unread_counts'>;

export function loadAttention(db: DbPort, staff: StaffIdentity, tenant: TenantContext): Promise<Attention> {
  return db.rpc('dashboard_attention', { p_tenant_id: tenant.id }, { as: staff });
}

export function loadUnreadCounts(
  db: DbPort,
  staff: StaffIdentity,
  tenant: TenantContext,
): Promise<UnreadCounts> {
  return db.rpc('dashboard_unread_counts', { p_tenant_id: tenant.id }, { as: staff });
}

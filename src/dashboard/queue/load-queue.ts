import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import type { TenantContext } from '../tenants/resolve-tenant';

export type QueueView = {
  counts: { job_type: string; status: 'pending' | 'processing' | 'completed' | 'failed'; count: number }[];
  failed: {
    id: string;
    job_type: string;
    attempts: number;
    max_attempts: number;
    error_message: string | null;
    created_at: string;
    updated_at: string;
  }[];
};

export function loadQueue(db: DbPort, staff: StaffIdentity, tenant: TenantContext): Promise<QueueView> {
  return db.rpc('dashboard_queue', { p_tenant_id: tenant.id }, { as: staff });
}

import { z } from 'zod';
import type { ResultOf } from '@/src/db/function-types';
import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import { AppError } from '@/src/shared/app-error';
import type { TenantContext } from '../tenants/resolve-tenant';

// Test traffic (the simulator, the signed test send): how much there is, and deleting it. The
// delete needs the form's explicit confirmation; SQL deletes only rows marked test, of this
// tenant, in one transaction.

export type TestTraffic = ResultOf<'dashboard_test_traffic'>;

export function loadTestTraffic(
  db: DbPort,
  staff: StaffIdentity,
  tenant: TenantContext,
): Promise<TestTraffic> {
  return db.rpc('dashboard_test_traffic', { p_tenant_id: tenant.id }, { as: staff });
}

const confirmSchema = z.object({ confirm: z.literal('yes') });

export async function deleteTestTraffic(
  db: DbPort,
  staff: StaffIdentity,
  tenant: TenantContext,
  form: unknown,
): Promise<ResultOf<'dashboard_delete_test_traffic'>> {
  if (!confirmSchema.safeParse(form).success) {
    throw new AppError('bad_request', 'Confirm the deletion first', { fields: ['confirm'] });
  }
  return db.rpc('dashboard_delete_test_traffic', { p_tenant_id: tenant.id }, { as: staff });
}

import { z } from 'zod';
import type { ResultOf } from '@/src/db/function-types';
import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import { AppError } from '@/src/shared/app-error';
import { log } from '@/src/shared/logger';
import type { TenantContext } from '../tenants/resolve-tenant';

// Undo a merge (within 24 hours; the SQL refuses later with a reason the page explains).

const requestSchema = z.object({ mergeId: z.uuid() });

export async function undoLeadMerge(
  db: DbPort,
  staff: StaffIdentity,
  tenant: TenantContext,
  input: unknown,
): Promise<ResultOf<'dashboard_undo_lead_merge'>> {
  const parsed = requestSchema.safeParse(input);
  if (!parsed.success) throw new AppError('bad_request', 'Invalid merge id');
  const result = await db.rpc(
    'dashboard_undo_lead_merge',
    { p_tenant_id: tenant.id, p_merge_id: parsed.data.mergeId },
    { as: staff },
  );
  log.info('dashboard.lead_merge_undone', { tenantId: tenant.id, mergeId: parsed.data.mergeId });
  return result;
}

import { z } from 'zod';
import type { ResultOf } from '@/src/db/function-types';
import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import { AppError } from '@/src/shared/app-error';
import { log } from '@/src/shared/logger';
import type { TenantContext } from '../tenants/resolve-tenant';

// Two leads are the same person: the other lead (mergedId) joins the one on screen (leadId).
// Everything of the other lead moves in one SQL transaction; undo within 24 hours.

const requestSchema = z.object({ leadId: z.uuid(), mergedId: z.uuid() });

export async function mergeLeads(
  db: DbPort,
  staff: StaffIdentity,
  tenant: TenantContext,
  input: unknown,
): Promise<ResultOf<'dashboard_merge_leads'>> {
  const parsed = requestSchema.safeParse(input);
  if (!parsed.success) throw new AppError('bad_request', 'Invalid lead ids');
  const result = await db.rpc(
    'dashboard_merge_leads',
    { p_tenant_id: tenant.id, p_survivor_id: parsed.data.leadId, p_merged_id: parsed.data.mergedId },
    { as: staff },
  );
  log.info('dashboard.leads_merged', {
    tenantId: tenant.id,
    mergeId: result.merge_id,
    survivorId: result.survivor_id,
    mergedId: result.merged_id,
    moved: result.moved,
  });
  return result;
}

import { z } from 'zod';
import type { ResultOf } from '@/src/db/function-types';
import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import { AppError } from '@/src/shared/app-error';
import { log } from '@/src/shared/logger';
import type { TenantContext } from '../tenants/resolve-tenant';
import { leadFieldsSchema } from './lead-fields';

// Staff edit a lead's contact fields and stage; the SQL records who changed what (lead_changes).

const requestSchema = leadFieldsSchema.extend({ leadId: z.uuid() });

export async function updateLead(
  db: DbPort,
  staff: StaffIdentity,
  tenant: TenantContext,
  input: unknown,
): Promise<ResultOf<'dashboard_update_lead'>> {
  const parsed = requestSchema.safeParse(input);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((issue) => String(issue.path[0])))];
    throw new AppError('bad_request', `Invalid fields: ${fields.join(', ')}`, { fields });
  }
  const { leadId, ...fields } = parsed.data;
  const result = await db.rpc(
    'dashboard_update_lead',
    { p_tenant_id: tenant.id, p_lead_id: leadId, p_fields: fields },
    { as: staff },
  );
  log.info('dashboard.lead_updated', {
    tenantId: tenant.id,
    leadId,
    outcome: result.outcome,
    changed: result.outcome === 'updated' ? result.changed : [],
  });
  return result;
}

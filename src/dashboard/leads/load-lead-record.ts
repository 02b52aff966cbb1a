import type { ResultOf } from '@/src/db/function-types';
import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import type { TenantContext } from '../tenants/resolve-tenant';

// The lead page's editable contact card, its history of changes and merges, and, when staff
// search for the same person, the leads it could be merged with.

export type LeadRecord = ResultOf<'dashboard_lead_record'>;
export type MergeCandidate = ResultOf<'dashboard_lead_merge_candidates'>[number];

export function loadLeadRecord(
  db: DbPort,
  staff: StaffIdentity,
  tenant: TenantContext,
  leadId: string,
): Promise<LeadRecord> {
  return db.rpc('dashboard_lead_record', { p_tenant_id: tenant.id, p_lead_id: leadId }, { as: staff });
}

export async function loadMergeCandidates(
  db: DbPort,
  staff: StaffIdentity,
  tenant: TenantContext,
  leadId: string,
  query: unknown,
): Promise<MergeCandidate[] | undefined> {
  if (typeof query !== 'string' || query.trim().length < 2) return undefined;
  return db.rpc(
    'dashboard_lead_merge_candidates',
    { p_tenant_id: tenant.id, p_lead_id: leadId, p_query: query.trim().slice(0, 100) },
    { as: staff },
  );
}

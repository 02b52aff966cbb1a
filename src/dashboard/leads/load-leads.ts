import { z } from 'zod';
import { channelSchema } from '@/src/channels/channel-registry';
import type { ResultOf } from '@/src/db/function-types';
import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import { decodeTimeCursor, encodeCursor } from '../paging/keyset-cursor';
import { listQueryFields, scoreSchema } from '../paging/list-query-fields';
import type { TenantContext } from '../tenants/resolve-tenant';

export const leadsFilterSchema = z.object({
  classification: scoreSchema.optional().catch(undefined),
  channel: channelSchema.optional().catch(undefined),
  ...listQueryFields,
});
export type LeadsFilter = z.infer<typeof leadsFilterSchema>;

export type LeadRow = ResultOf<'dashboard_leads'>[number];
export type LeadsPage = { leads: LeadRow[]; next: string | null };

export const leadsPageSize = 100;

/** One page of leads, newest conversation first (then id); `next` is the following page's cursor. */
export async function loadLeads(
  db: DbPort,
  staff: StaffIdentity,
  tenant: TenantContext,
  filter: LeadsFilter,
  pageSize = leadsPageSize,
): Promise<LeadsPage> {
  const after = decodeTimeCursor(filter.after);
  const rows = await db.rpc(
    'dashboard_leads',
    {
      p_tenant_id: tenant.id,
      p_classification: filter.classification ?? null,
      p_channel: filter.channel ?? null,
      p_query: filter.q ?? null,
      p_from: filter.from ?? null,
      p_to: filter.to ?? null,
      p_after_at: after?.at ?? null,
      p_after_id: after?.id ?? null,
      p_limit: pageSize + 1,
    },
    { as: staff },
  );
  const leads = rows.slice(0, pageSize);
  const last = leads.at(-1);
  const next = rows.length > pageSize && last ? encodeCursor([last.sort_at, last.id]) : null;
  return { leads, next };
}

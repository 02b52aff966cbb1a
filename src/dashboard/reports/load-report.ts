import type { ResultOf } from '@/src/db/function-types';
import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import { loadScheduling, type Scheduling } from '../calendar/load-calendar';
import type { TenantContext } from '../tenants/resolve-tenant';
import { periodDays, type ReportQuery, reportQuerySchema } from './report-period';

// The reports page's data, read as the signed-in member: the branches to filter by, and one
// dashboard_report call for the chosen period, channel and branch (in that branch's time zone).

export type Report = ResultOf<'dashboard_report'>;
export type ReportData = {
  query: ReportQuery;
  branches: Scheduling['branches'];
  report: Report;
};

export async function loadReport(
  db: DbPort,
  staff: StaffIdentity,
  tenant: TenantContext,
  rawQuery: Record<string, unknown>,
): Promise<ReportData> {
  const query = reportQuerySchema.parse(rawQuery);
  const { branches } = await loadScheduling(db, staff, tenant);
  const branch = branches.find((b) => b.id === query.branch);
  const { from, to } = periodDays(query, branch?.timezone ?? tenant.timezone);
  const report = await db.rpc(
    'dashboard_report',
    {
      p_tenant_id: tenant.id,
      p_from: from,
      p_to: to,
      p_channel: query.channel ?? null,
      p_branch_id: branch?.id ?? null,
    },
    { as: staff },
  );
  return { query: { ...query, branch: branch?.id }, branches, report };
}

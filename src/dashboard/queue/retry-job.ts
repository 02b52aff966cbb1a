import { z } from 'zod';
import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import { AppError } from '@/src/shared/app-error';
import { log } from '@/src/shared/logger';
import type { TenantContext } from '../tenants/resolve-tenant';

const retrySchema = z.object({ jobId: z.uuid() });

/** A dead-lettered job back to pending with a fresh attempt budget (admin or owner). */
export async function retryJob(
  db: DbPort,
  staff: StaffIdentity,
  tenant: TenantContext,
  input: unknown,
): Promise<{ id: string; status: string; job_type: string }> {
  const parsed = retrySchema.safeParse(input);
  if (!parsed.success) throw new AppError('bad_request', 'Invalid job id');
  const job = await db.rpc(
    'dashboard_retry_job',
    { p_tenant_id: tenant.id, p_job_id: parsed.data.jobId },
    { as: staff },
  );
  log.info('dashboard.job_retried', { tenantId: tenant.id, jobId: job.id, jobType: job.job_type });
  return job;
}

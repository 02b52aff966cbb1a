import type { Messages } from '@/src/i18n/messages-es';
import { ActionForm } from '@/src/ui/action-form';
import type { ActionState } from '@/src/ui/action-state';
import { CardSection } from '@/src/ui/card-section';
import { DataTable } from '@/src/ui/data-table';
import { formatDateTime } from '@/src/ui/format-date';
import { ui } from '@/src/ui/styles';
import type { TenantContext } from '../tenants/resolve-tenant';
import { jobTypeLabel } from './job-type-label';
import type { QueueView as Queue } from './load-queue';

const statuses = ['pending', 'processing', 'completed', 'failed'] as const;

export function QueueView({
  queue,
  tenant,
  t,
  retryAction,
}: {
  queue: Queue;
  tenant: TenantContext;
  t: Messages;
  retryAction: (state: ActionState, data: FormData) => Promise<ActionState>;
}) {
  const q = t.queue;
  const types = [...new Set(queue.counts.map((c) => c.job_type))];
  const count = (type: string, status: string) =>
    queue.counts.find((c) => c.job_type === type && c.status === status)?.count ?? 0;
  return (
    <div className="space-y-6">
      <CardSection id="queue-counts" title={q.counts}>
        <DataTable
          rows={types}
          rowKey={(type) => type}
          emptyText={q.empty}
          columns={[
            { header: q.type, rowHeader: true, cell: (type) => jobTypeLabel(t, type) },
            ...statuses.map((status) => ({
              header: q.statuses[status],
              // Failed jobs stand out where there are any.
              className: (type: string) =>
                status === 'failed' && count(type, status) > 0 ? 'font-semibold text-rose-800' : '',
              cell: (type: string) => count(type, status),
            })),
          ]}
        />
      </CardSection>
      <CardSection id="queue-failed" title={q.failed}>
        {queue.failed.length === 0 ? (
          <p className={`mt-3 ${ui.muted}`}>{q.noFailed}</p>
        ) : (
          <ul className="mt-3 divide-y divide-slate-100">
            {queue.failed.map((job) => (
              <li
                key={job.id}
                className="flex flex-wrap items-start justify-between gap-3 py-3"
                data-testid="failed-job"
              >
                <div className="min-w-0 text-sm">
                  <p className="font-medium text-rose-900">{q.failedWhat(jobTypeLabel(t, job.job_type))}</p>
                  <p className="break-words text-xs text-slate-600">
                    {q.error}: {job.error_message ?? t.common.none}
                  </p>
                  <p className="text-xs text-slate-600">
                    {q.attempts}: {job.attempts}/{job.max_attempts} · {q.when}:{' '}
                    {formatDateTime(job.updated_at, t.locale, tenant.timezone)}
                  </p>
                </div>
                <ActionForm action={retryAction}>
                  <input type="hidden" name="tenantSlug" value={tenant.slug} />
                  <input type="hidden" name="jobId" value={job.id} />
                  <button type="submit" className={ui.buttonSecondary}>
                    {q.retry}
                  </button>
                </ActionForm>
              </li>
            ))}
          </ul>
        )}
      </CardSection>
    </div>
  );
}

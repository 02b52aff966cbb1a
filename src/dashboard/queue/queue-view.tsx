import type { Messages } from '@/src/i18n/messages-es';
import { ActionForm } from '@/src/ui/action-form';
import type { ActionState } from '@/src/ui/action-state';
import { formatDateTime } from '@/src/ui/format-date';
import { ui } from '@/src/ui/styles';
import type { TenantContext } from '../tenants/resolve-tenant';
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
      <section className={ui.card} aria-labelledby="queue-counts">
        <h2 id="queue-counts" className={ui.h2}>
          {q.counts}
        </h2>
        {types.length === 0 ? (
          <p className={`mt-3 ${ui.muted}`}>{q.empty}</p>
        ) : (
          <div className="mt-3 overflow-x-auto">
            <table className={ui.table}>
              <thead>
                <tr>
                  <th scope="col" className={ui.th}>
                    {q.type}
                  </th>
                  {statuses.map((status) => (
                    <th key={status} scope="col" className={ui.th}>
                      {q.statuses[status]}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {types.map((type) => (
                  <tr key={type}>
                    <th scope="row" className={`${ui.td} text-left font-mono font-normal`}>
                      {type}
                    </th>
                    {statuses.map((status) => (
                      <td
                        key={status}
                        className={`${ui.td} ${status === 'failed' && count(type, status) > 0 ? 'font-semibold text-rose-800' : ''}`}
                      >
                        {count(type, status)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className={ui.card} aria-labelledby="queue-failed">
        <h2 id="queue-failed" className={ui.h2}>
          {q.failed}
        </h2>
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
                  <p className="font-mono text-slate-900">{job.job_type}</p>
                  <p className="break-words text-rose-800">
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
      </section>
    </div>
  );
}

import { z } from 'zod';
import { defaultHandlers } from '@/src/jobs/default-handlers';
import { getQueueStatus, type QueueStatus, retryFailedJob } from '@/src/jobs/job-queue';
import { jobTypePattern } from '@/src/jobs/job-types';
import { processJobs } from '@/src/jobs/process-jobs';
import { AppError } from '@/src/shared/app-error';
import type { CliContext, Command } from '../command';

// Operator access to the queue: drain it by hand, see its counts, put a dead letter back.

const maxSchema = z.coerce.number().int().min(1).max(1000);
const typesSchema = z.array(z.string().regex(jobTypePattern)).min(1).max(20);

async function tenantIdFor(context: CliContext): Promise<string | undefined> {
  if (typeof context.values.tenant !== 'string') return undefined;
  const tenant = await context.db.rpc('admin_get_tenant', { p_slug: context.values.tenant });
  return tenant.id;
}

function parseOption<T>(schema: z.ZodType<T>, value: unknown, name: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new AppError('bad_request', `--${name}: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

function formatStatus(status: QueueStatus): string {
  const lines = status.counts.map(
    (row) => `  ${row.job_type.padEnd(20)} ${row.status.padEnd(11)} ${row.count}`,
  );
  const age = status.oldest_due_age_seconds === null ? '-' : `${status.oldest_due_age_seconds}s`;
  return [
    ...(lines.length ? ['  job_type             status      count', ...lines] : ['  (no jobs)']),
    `due now: ${status.due}, oldest due: ${age}, expired leases: ${status.expired_leases}`,
  ].join('\n');
}

export const jobsCommand: Command = {
  name: 'jobs',
  summary: 'Process and inspect the job queue',
  subcommands: {
    process: {
      summary: 'Process due jobs now (as the cron route would)',
      usage: 'jobs process [--max N] [--types ai_response,send_whatsapp] [--tenant S]',
      options: { max: { type: 'string' }, types: { type: 'string' }, tenant: { type: 'string' } },
      async run(context) {
        const { env, db, values, print } = context;
        const maxJobs = parseOption(maxSchema, values.max ?? '100', 'max');
        const jobTypes =
          typeof values.types === 'string'
            ? parseOption(typesSchema, values.types.split(','), 'types')
            : undefined;
        const result = await processJobs({
          db,
          env,
          handlers: defaultHandlers,
          maxJobs,
          jobTypes,
          tenantId: await tenantIdFor(context),
          budgetMs: 5 * 60_000,
          concurrency: env.JOBS_CONCURRENCY,
          jobTimeoutMs: env.JOB_TIMEOUT_SECONDS * 1000,
        });
        const counts = Object.entries(result.outcomes)
          .filter(([, count]) => count > 0)
          .map(([outcome, count]) => `${outcome} ${count}`);
        print(
          `Claimed ${result.claimed} job(s)${counts.length ? `: ${counts.join(', ')}` : ''} (stopped: ${result.stopped_by})`,
          result,
        );
      },
    },
    status: {
      summary: 'Queue counts by type and status, and the age of the oldest due job',
      usage: 'jobs status [--tenant S]',
      options: { tenant: { type: 'string' } },
      async run(context) {
        const status = await getQueueStatus(context.db, await tenantIdFor(context));
        context.print(formatStatus(status), status);
      },
    },
    retry: {
      summary: 'Put a failed job (a dead letter) back in the queue',
      usage: 'jobs retry --id JOB_ID',
      options: { id: { type: 'string' } },
      required: ['id'],
      async run({ db, values, print }) {
        const id = parseOption(z.uuid(), values.id, 'id');
        const job = await retryFailedJob(db, id);
        print(`Job ${job.id} (${job.job_type}) is pending again`, job);
      },
    },
  },
};

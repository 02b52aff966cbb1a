import { z } from 'zod';
import { getDb } from '@/src/db/get-db';
import { getEnv } from '@/src/env';
import { AppError } from '@/src/shared/app-error';
import { errorResponse } from '@/src/shared/error-response';
import { authorizeCronRequest } from './authorize-cron-request';
import { defaultHandlers } from './default-handlers';
import { schedulePurgeExpired } from './handlers/purge-expired-handler';
import { scheduleReportRollup } from './handlers/report-rollup-handler';
import { getQueueStatus } from './job-queue';
import { type JobHandler, jobTypePattern } from './job-types';
import { processJobs } from './process-jobs';
import { recordSweepRun, sweepSourceOf } from './record-sweep-run';
import { scheduleTokenHealthChecks } from './schedule-token-health';

// /api/jobs/process. GET: Vercel Cron (schedules retention, processes) or ?status=1 (queue counts). POST:
// { "max_jobs": N, "job_types"?: [...] } for other schedulers and curl. All need the secret.

const defaultMaxJobs = 100;
const maxBodyBytes = 4096;

const querySchema = z.strictObject({ status: z.enum(['1', 'true']).optional() });

const bodySchema = z.strictObject({
  max_jobs: z.number().int().min(1).max(1000).default(defaultMaxJobs),
  job_types: z.array(z.string().regex(jobTypePattern)).min(1).max(20).optional(),
});

export type ProcessRouteOptions = { maxDurationSeconds: number; handlers?: readonly JobHandler[] };

/** Stop claiming early enough to record results and answer inside the function's maxDuration. */
function budgetForMaxDuration(maxDurationSeconds: number): number {
  const totalMs = maxDurationSeconds * 1000;
  return Math.max(1000, totalMs - Math.min(15_000, totalMs * 0.2));
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`).join('; ');
}

async function readBody(request: Request): Promise<z.infer<typeof bodySchema>> {
  const text = await request.text();
  if (Buffer.byteLength(text) > maxBodyBytes) throw new AppError('payload_too_large', 'Body is too large');
  let json: unknown = {};
  if (text.trim()) {
    const type = request.headers.get('content-type') ?? '';
    if (!type.toLowerCase().startsWith('application/json')) {
      throw new AppError('unsupported_media_type', 'Send the body as application/json');
    }
    try {
      json = JSON.parse(text);
    } catch {
      throw new AppError('bad_request', 'Body is not valid JSON');
    }
  }
  const parsed = bodySchema.safeParse(json);
  if (!parsed.success) throw new AppError('bad_request', describeIssues(parsed.error));
  return parsed.data;
}

async function runProcessor(options: ProcessRouteOptions, maxJobs: number, jobTypes?: string[]) {
  const env = getEnv();
  const result = await processJobs({
    db: getDb(),
    env,
    handlers: options.handlers ?? defaultHandlers,
    maxJobs,
    jobTypes,
    budgetMs: budgetForMaxDuration(options.maxDurationSeconds),
    concurrency: env.JOBS_CONCURRENCY,
    jobTimeoutMs: env.JOB_TIMEOUT_SECONDS * 1000,
  });
  return Response.json(result);
}

export async function handleProcessGet(request: Request, options: ProcessRouteOptions): Promise<Response> {
  try {
    authorizeCronRequest(request, getEnv());
    const query = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!query.success) throw new AppError('bad_request', describeIssues(query.error));
    if (query.data.status) return Response.json(await getQueueStatus(getDb()));
    // The sweep also schedules retention (at most hourly, only when rows expired), the daily
    // token checks and the reports rollup (when an hour closed): no extra cron.
    const handlers = options.handlers ?? defaultHandlers;
    await recordSweepRun(getDb(), sweepSourceOf(request));
    await schedulePurgeExpired({ db: getDb(), env: getEnv(), handlers });
    await scheduleTokenHealthChecks({ db: getDb(), handlers });
    await scheduleReportRollup({ db: getDb(), handlers });
    return await runProcessor(options, defaultMaxJobs);
  } catch (error) {
    return errorResponse(error, { route: 'jobs.process', method: 'GET' });
  }
}

export async function handleProcessPost(request: Request, options: ProcessRouteOptions): Promise<Response> {
  try {
    authorizeCronRequest(request, getEnv());
    const body = await readBody(request);
    await recordSweepRun(getDb(), 'other');
    return await runProcessor(options, body.max_jobs, body.job_types);
  } catch (error) {
    return errorResponse(error, { route: 'jobs.process', method: 'POST' });
  }
}

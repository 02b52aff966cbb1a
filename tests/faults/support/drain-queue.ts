import type pg from 'pg';

// What a scheduler does after an incident: call /api/jobs/process (the cron route, with its
// secret) until no job is pending or processing. Jobs retried later or left to an expired
// lease are waited for. Gives up at the deadline and says what was left.

export type QueueCounts = Record<string, number>;

export async function jobCounts(pool: pg.Pool): Promise<QueueCounts> {
  const { rows } = await pool.query('select status, count(*)::int as n from jobs group by status');
  return Object.fromEntries(rows.map((row) => [row.status, row.n]));
}

export async function drainQueue(options: {
  baseUrl: () => string;
  cronSecret: string;
  pool: pg.Pool;
  deadlineMs: number;
}): Promise<{ calls: number; left: QueueCounts }> {
  const deadline = Date.now() + options.deadlineMs;
  let calls = 0;
  while (Date.now() < deadline) {
    const counts = await jobCounts(options.pool).catch(() => undefined);
    if (counts && !counts.pending && !counts.processing) return { calls, left: counts };
    calls += 1;
    const response = await fetch(`${options.baseUrl()}/api/jobs/process`, {
      method: 'POST',
      headers: { authorization: `Bearer ${options.cronSecret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ max_jobs: 50 }),
      signal: AbortSignal.timeout(60_000),
    }).catch(() => undefined);
    const claimed = response?.ok ? ((await response.json()) as { claimed: number }).claimed : 0;
    if (!claimed) await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  return { calls, left: await jobCounts(options.pool) };
}

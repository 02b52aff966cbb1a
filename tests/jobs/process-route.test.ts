import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GET, POST } from '@/app/api/jobs/process/route';
import { setDb } from '@/src/db/get-db';
import { createPgPool, createPgPort } from '@/src/db/pg-rpc';
import { setEnvForProcess } from '@/src/env';
import { defaultHandlers } from '@/src/jobs/default-handlers';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { countByStatus, countingHandler, insertJobs } from './job-fixtures';

// The route as Vercel Cron and curl call it: real Requests, the app's database port (this
// file's own database), the registry of handlers with one counting handler added for the test.

const secret = 'route-test-secret-0123456789abcdef';
const url = 'http://localhost:3000/api/jobs/process';
const counting = countingHandler('route_count');
let test: TestDatabase;

function get(path = '', headers: Record<string, string> = { authorization: `Bearer ${secret}` }) {
  return GET(new Request(`${url}${path}`, { headers: { 'user-agent': 'vercel-cron/1.0', ...headers } }));
}

function post(body: string | undefined, headers: Record<string, string> = {}) {
  return POST(
    new Request(url, {
      method: 'POST',
      body,
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json', ...headers },
    }),
  );
}

beforeAll(async () => {
  test = await createTestDatabase();
  defaultHandlers.push(counting.handler);
});
afterAll(async () => {
  defaultHandlers.splice(defaultHandlers.indexOf(counting.handler), 1);
  setEnvForProcess({ APP_MODE: 'local', CRON_SECRET: '' });
  await test.drop();
});
beforeEach(async () => {
  setEnvForProcess({ APP_MODE: 'production', CRON_SECRET: secret });
  await test.pool.query('delete from public.jobs');
  counting.runs.clear();
});
afterEach(() => setDb(test.db));

describe('/api/jobs/process auth', () => {
  it('answers 401 to a missing or wrong secret and runs nothing', async () => {
    await insertJobs(test.pool, 3, { jobType: 'route_count' });
    const attempts = [
      await get('', {}),
      await get('', { authorization: 'Bearer wrong' }),
      await get('', { authorization: `Bearer ${secret.slice(0, -1)}x` }),
      await get('', { authorization: secret }),
      await get('?status=1', {}),
      await post('{"max_jobs":5}', { authorization: `Basic ${secret}` }),
    ];
    for (const response of attempts) {
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
      expect(await response.json()).toEqual({
        error: { code: 'unauthorized', message: 'Missing or wrong "Authorization: Bearer <CRON_SECRET>"' },
      });
    }
    expect(await countByStatus(test.pool)).toEqual({ pending: 3 });
  });

  it('refuses every call in production when CRON_SECRET is not set', async () => {
    setEnvForProcess({ CRON_SECRET: '' });
    await insertJobs(test.pool, 1, { jobType: 'route_count' });
    for (const response of [await get(''), await get('', {}), await post('{}')]) {
      expect(response.status).toBe(503);
      expect((await response.json()).error.message).toMatch(/refused in production/);
    }
    expect(await countByStatus(test.pool)).toEqual({ pending: 1 });
  });

  it('lets local mode call without a secret', async () => {
    setEnvForProcess({ APP_MODE: 'local', CRON_SECRET: '' });
    await insertJobs(test.pool, 2, { jobType: 'route_count' });
    const response = await get('', {});
    expect(response.status).toBe(200);
    expect((await response.json()).claimed).toBe(2);
  });
});

describe('/api/jobs/process', () => {
  it('processes due jobs on the cron GET and says what ran', async () => {
    const ids = await insertJobs(test.pool, 4, { jobType: 'route_count' });
    const response = await get();
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ claimed: 4, stopped_by: 'drained', outcomes: { completed: 4 } });
    expect(body.jobs.map((job: { id: string }) => job.id).sort()).toEqual([...ids].sort());
    expect(await countByStatus(test.pool)).toEqual({ completed: 4 });
  });

  it('records which scheduler swept: Vercel Cron, Supabase Cron, or another caller', async () => {
    await test.pool.query('delete from internal.sweep_runs');
    await get();
    await get('', {
      authorization: `Bearer ${secret}`,
      'user-agent': 'pg_net/0.19',
      'x-inbox-scheduler': 'supabase-cron',
    });
    await get('', {
      authorization: `Bearer ${secret}`,
      'user-agent': 'pg_net/0.19',
      'x-inbox-scheduler': 'supabase-cron',
    });
    await post('{"max_jobs":1}');
    await get('?status=1');
    const { rows } = await test.pool.query(
      'select source, runs::int from internal.sweep_runs order by source',
    );
    expect(rows).toEqual([
      { source: 'other', runs: 1 },
      { source: 'supabase_cron', runs: 2 },
      { source: 'vercel_cron', runs: 1 },
    ]);
  });

  it('reports the queue on GET ?status=1 without processing', async () => {
    await insertJobs(test.pool, 2, { jobType: 'route_count' });
    const response = await get('?status=1');
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.counts).toEqual([{ job_type: 'route_count', status: 'pending', count: 2 }]);
    expect(body.due).toBe(2);
    expect(typeof body.oldest_due_age_seconds).toBe('number');
    expect(await countByStatus(test.pool)).toEqual({ pending: 2 });
  });

  it('processes up to max_jobs of the given types on POST', async () => {
    await insertJobs(test.pool, 5, { jobType: 'route_count' });
    await insertJobs(test.pool, 2, { jobType: 'other_kind' });
    const response = await post(JSON.stringify({ max_jobs: 3, job_types: ['route_count'] }));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ claimed: 3, stopped_by: 'max_jobs' });
    const empty = await post(undefined);
    expect(await empty.json()).toMatchObject({ claimed: 4 });
  });

  it('answers precise 4xx to bad input', async () => {
    const cases: [Promise<Response>, number, RegExp][] = [
      [post('{"max_jobs":'), 400, /not valid JSON/],
      [post('{"max_jobs":0}'), 400, /max_jobs/],
      [post('{"max_jobs":5,"tenant":"x"}'), 400, /tenant/],
      [post('{"job_types":["Not Valid"]}'), 400, /job_types\.0/],
      [post('{"job_types":[]}'), 400, /job_types/],
      [post('{"max_jobs":5}', { 'content-type': 'text/plain' }), 415, /application\/json/],
      [post(JSON.stringify({ max_jobs: 1, pad: 'x'.repeat(5000) })), 413, /too large/],
      [get('?status=yes'), 400, /status/],
      [get('?max_jobs=5'), 400, /max_jobs/],
    ];
    for (const [pending, status, message] of cases) {
      const response = await pending;
      expect(response.status).toBe(status);
      expect((await response.json()).error.message).toMatch(message);
    }
  });

  it('answers a generic 500 when something unexpected breaks', async () => {
    const broken = createPgPort(createPgPool('postgres://nobody:nothing@127.0.0.1:1/none', 1));
    setDb(broken);
    const response = await get();
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: { code: 'internal', message: 'Internal error' } });
    await broken.close();
  });

  it('runs no job twice across 5 concurrent calls', async () => {
    const ids = await insertJobs(test.pool, 300, { jobType: 'route_count' });
    const responses = await Promise.all([
      get(),
      post('{"max_jobs":100}'),
      get(),
      post('{"max_jobs":100,"job_types":["route_count"]}'),
      post('{"max_jobs":100}'),
    ]);
    const bodies = await Promise.all(responses.map((response) => response.json()));
    for (const response of responses) expect(response.status).toBe(200);
    const reported = bodies.flatMap((body) => body.jobs.map((job: { id: string }) => job.id));
    expect(reported).toHaveLength(300);
    expect(new Set(reported)).toEqual(new Set(ids));
    expect(counting.runs.size).toBe(300);
    expect([...counting.runs.values()].every((count) => count === 1)).toBe(true);
    const { rows } = await test.pool.query(
      'select status, attempts, count(*)::int as n from public.jobs group by status, attempts',
    );
    expect(rows).toEqual([{ status: 'completed', attempts: 1, n: 300 }]);
  });
});

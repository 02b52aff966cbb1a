import { getEnv } from '@/src/env';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

// The benchmarks' baseline: what a route handler costs in this build when it does nothing.
// Absent (404) unless BENCH_ENDPOINTS=1.
export function POST(): Response {
  if (!getEnv().BENCH_ENDPOINTS) return new Response(null, { status: 404 });
  return Response.json({ ok: true });
}

import { isCountingDbPort } from '@/src/db/counting-db-port';
import { getDb } from '@/src/db/get-db';
import { getEnv } from '@/src/env';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

// Database calls counted per SQL function since this server started (see counting-db-port).
// Absent (404) unless BENCH_ENDPOINTS=1.
export function GET(): Response {
  if (!getEnv().BENCH_ENDPOINTS) return new Response(null, { status: 404 });
  const db = getDb();
  if (!isCountingDbPort(db)) return new Response(null, { status: 404 });
  return Response.json(db.countedCalls());
}

import { getSystemStatus } from '@/src/system/get-system-status';

export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  const status = await getSystemStatus();
  return Response.json(status, { status: status.database === 'ok' ? 200 : 503 });
}

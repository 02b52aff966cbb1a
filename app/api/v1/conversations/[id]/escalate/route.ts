import { apiEndpoint } from '@/src/api/api-endpoints';
import { handleApiRequest } from '@/src/api/handle-api-request';
import { getDb } from '@/src/db/get-db';

export const dynamic = 'force-dynamic';

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handleApiRequest(
    getDb(),
    apiEndpoint('POST', '/conversations/{id}/escalate'),
    request,
    await params,
  );
}

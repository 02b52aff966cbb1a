import { apiEndpoint } from '@/src/api/api-endpoints';
import { handleApiRequest } from '@/src/api/handle-api-request';
import { getDb } from '@/src/db/get-db';

export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  return handleApiRequest(getDb(), apiEndpoint('GET', '/stats'), request);
}

import { openApiDocument } from '@/src/api/openapi-document';
import { getEnv } from '@/src/env';

export const dynamic = 'force-dynamic';

// The API's description, public (it holds no data): generated from the routes' zod schemas.
export function GET(request: Request) {
  const base = getEnv().APP_BASE_URL ?? new URL(request.url).origin;
  return Response.json(openApiDocument(base));
}

import { getDb } from '@/src/db/get-db';
import { getEnv } from '@/src/env';
import { signedMediaResponse } from '@/src/media/signed-media-response';

export const dynamic = 'force-dynamic';

export async function GET(
  _request: Request,
  { params }: { params: Promise<{ token: string }> },
): Promise<Response> {
  return signedMediaResponse((await params).token, { db: getDb(), env: getEnv() });
}

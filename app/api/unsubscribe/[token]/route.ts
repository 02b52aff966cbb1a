import { getDb } from '@/src/db/get-db';
import { getEnv } from '@/src/env';
import { unsubscribe, unsubscribePage } from '@/src/unsubscribe/unsubscribe-response';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ token: string }> };

export async function GET(_request: Request, { params }: Context): Promise<Response> {
  return unsubscribePage((await params).token, getEnv());
}

export async function POST(request: Request, { params }: Context): Promise<Response> {
  return unsubscribe((await params).token, request, { db: getDb(), env: getEnv() });
}

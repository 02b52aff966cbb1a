import { answerCalendarFeed } from '@/src/calendar-feed/answer-feed';
import { getDb } from '@/src/db/get-db';

export const dynamic = 'force-dynamic';

export async function GET(
  _request: Request,
  { params }: { params: Promise<{ token: string }> },
): Promise<Response> {
  const { token } = await params;
  return answerCalendarFeed(getDb(), token);
}

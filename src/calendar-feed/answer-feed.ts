import type { DbPort } from '@/src/db/rpc-port';
import { isAppError } from '@/src/shared/app-error';
import { log } from '@/src/shared/logger';
import { buildIcs, type IcsEvent } from './build-ics';
import { feedTokenFromPath, hashFeedToken } from './feed-token';

// GET /api/calendar/<token>.ics: the feed's appointments as an iCalendar document. An unknown,
// malformed or revoked token is the same plain 404. The event names the service, the person
// attending and the customer, as the calendar page does (the URL is the secret).

const statusOf: Record<string, IcsEvent['status']> = {
  requested: 'TENTATIVE',
  confirmed: 'CONFIRMED',
  completed: 'CONFIRMED',
  no_show: 'CONFIRMED',
  cancelled: 'CANCELLED',
};

const notFound = () =>
  new Response('Not found\n', { status: 404, headers: { 'content-type': 'text/plain' } });

export async function answerCalendarFeed(db: DbPort, segment: string, now = new Date()): Promise<Response> {
  const token = feedTokenFromPath(segment);
  if (!token) return notFound();
  let feed: Awaited<ReturnType<typeof loadFeed>>;
  try {
    feed = await loadFeed(db, token);
  } catch (error) {
    if (isAppError(error) && error.code === 'not_found') return notFound();
    log.error('calendar_feed.failed', { error });
    return new Response('Unavailable\n', { status: 503, headers: { 'content-type': 'text/plain' } });
  }
  const name = feed.feed.resource_name
    ? `${feed.feed.resource_name} · ${feed.feed.branch_name}`
    : feed.feed.branch_name;
  const body = buildIcs({
    name,
    now,
    events: feed.appointments.map((a) => ({
      uid: `${a.id}@inbox-ai`,
      start: new Date(a.starts_at),
      end: new Date(a.ends_at),
      updated: new Date(a.updated_at),
      summary: `${a.service_name} · ${a.lead_name ?? 'Cliente'}`,
      description: [`Atiende: ${a.resource_name}`, `Estado: ${a.status}`, a.notes ?? '']
        .filter(Boolean)
        .join('\n'),
      location: [a.branch_name, a.branch_address].filter(Boolean).join(', '),
      status: statusOf[a.status] ?? 'CONFIRMED',
    })),
  });
  return new Response(body, {
    status: 200,
    headers: {
      'content-type': 'text/calendar; charset=utf-8',
      'cache-control': 'private, max-age=300',
      'x-robots-tag': 'noindex',
    },
  });
}

function loadFeed(db: DbPort, token: string) {
  return db.rpc('calendar_feed_events', { p_token_hash: hashFeedToken(token) });
}

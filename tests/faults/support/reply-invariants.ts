import type pg from 'pg';
import type { DeliveryLog } from './deliver-like-meta';
import { mayHaveDelivered, sendsByMessage } from './fake-graph';
import type { FakeUpstream } from './fake-upstream';

// What must hold after any incident, read from the database and from what the fake platform
// received: acknowledged messages stored once, no job left behind, every conversation the AI
// handles answered (or its reply dead-lettered with an error; handed-off ones wait for staff),
// no customer message answered twice (replies the platform refused do not count: the customer
// never saw them, and the AI may answer again), no message sent twice. A send the platform refused
// (4xx/5xx) and that was sent again later is one send; only answers that may have delivered
// (2xx, no answer, a cut connection) count.

export type Invariants = {
  acked: number;
  notAcked: string[];
  storedCounts: Map<string, number>;
  unfinishedJobs: number;
  failedJobs: Array<{ job_type: string; error_message: string | null }>;
  unanswered: string[];
  doubleAnswers: number;
  /** The threads behind doubleAnswers, to print when it is not 0. */
  doubleThreads: unknown[];
  sendsAboveOne: string[];
  samePlatformTextTwice: string[];
  sentWithoutOneSend: string[];
  failedReplies: Array<{
    id: string;
    error_code: string | null;
    error_message: string | null;
    sends: number;
  }>;
  graphRequests: number;
};

export async function readInvariants(
  pool: pg.Pool,
  graph: FakeUpstream,
  logs: DeliveryLog[],
): Promise<Invariants> {
  const wamids = logs.map((log) => log.delivery.wamid);
  const stored = await pool.query(
    'select platform_message_id as id, count(*)::int as n from messages where platform_message_id = any($1) group by 1',
    [wamids],
  );
  const jobs = await pool.query(
    "select job_type, status, error_message from jobs where status <> 'completed' order by job_type",
  );
  const unanswered = await pool.query(
    `select c.id from conversations c
      where c.handled_by = 'ai'
        and exists (select 1 from messages i where i.conversation_id = c.id and i.direction = 'inbound')
        and not exists (
          select 1 from messages o where o.conversation_id = c.id and o.direction = 'outbound'
            and o.created_at > (select max(i.created_at) from messages i where i.conversation_id = c.id and i.direction = 'inbound'))`,
  );
  const doubles = await pool.query(
    `select conversation_id from (
       select o.conversation_id,
              (select i.id from messages i where i.conversation_id = o.conversation_id and i.direction = 'inbound'
                 and i.created_at <= o.created_at order by i.created_at desc, i.id desc limit 1) as answers
         from messages o where o.direction = 'outbound' and o.sender in ('ai', 'system')
          and not (o.delivery_status = 'failed' and o.error_code is distinct from 'send_unconfirmed')) replies
      group by conversation_id, answers having count(*) > 1`,
  );
  const doubleThreads = await pool.query(
    `select conversation_id, direction, sender, delivery_status, error_code, left(text, 80) as text, created_at
       from messages where conversation_id = any($1) order by conversation_id, created_at, id`,
    [doubles.rows.map((row) => row.conversation_id)],
  );
  const outbound = await pool.query(
    "select id, delivery_status, error_code, error_message from messages where direction = 'outbound'",
  );
  const sends = sendsByMessage(graph);
  const byText = new Map<string, number>();
  for (const request of graph.requests.filter(mayHaveDelivered)) {
    const key = `${request.body?.to} ${request.body?.text?.body}`;
    byText.set(key, (byText.get(key) ?? 0) + 1);
  }
  return {
    acked: logs.filter((log) => log.acked).length,
    notAcked: logs.filter((log) => !log.acked).map((log) => log.delivery.wamid),
    storedCounts: new Map(stored.rows.map((row) => [row.id, row.n])),
    unfinishedJobs: jobs.rows.filter((job) => job.status !== 'failed').length,
    failedJobs: jobs.rows.filter((job) => job.status === 'failed'),
    unanswered: unanswered.rows.map((row) => row.id),
    doubleAnswers: doubles.rows.length,
    doubleThreads: doubleThreads.rows,
    sendsAboveOne: [...sends].filter(([, n]) => n > 1).map(([id]) => id),
    samePlatformTextTwice: [...byText].filter(([, n]) => n > 1).map(([key]) => key),
    sentWithoutOneSend: outbound.rows
      .filter((row) => row.delivery_status === 'sent' && sends.get(row.id) !== 1)
      .map((row) => row.id),
    failedReplies: outbound.rows
      .filter((row) => row.delivery_status === 'failed')
      .map((row) => ({
        id: row.id,
        error_code: row.error_code,
        error_message: row.error_message,
        sends: sends.get(row.id) ?? 0,
      })),
    graphRequests: graph.requests.length,
  };
}

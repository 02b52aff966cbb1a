import type { TestDatabase } from '../../support/test-database';

// What a tenant has in the tables a delivery writes, read with the superuser pool.

// Jobs a webhook enqueued for the conversation: a live connection's token check (enqueued when it
// is saved) is not one; the fetch_media jobs of files are counted apart (media_jobs).
export async function countRows(test: TestDatabase, tenantId: string) {
  const { rows } = await test.pool.query(
    `select
      (select count(*)::int from leads where tenant_id = $1) as leads,
      (select count(*)::int from lead_identities where tenant_id = $1) as identities,
      (select count(*)::int from conversations where tenant_id = $1) as conversations,
      (select count(*)::int from messages where tenant_id = $1) as messages,
      (select count(*)::int from jobs where tenant_id = $1 and job_type not in ('token_health', 'fetch_media')) as jobs,
      (select count(*)::int from jobs where tenant_id = $1 and job_type = 'fetch_media') as media_jobs,
      (select count(*)::int from pending_message_statuses where tenant_id = $1) as pending_statuses`,
    [tenantId],
  );
  return rows[0] as {
    leads: number;
    identities: number;
    conversations: number;
    messages: number;
    jobs: number;
    media_jobs: number;
    pending_statuses: number;
  };
}

export async function messageByPlatformId(test: TestDatabase, tenantId: string, platformMessageId: string) {
  const { rows } = await test.pool.query(
    'select * from messages where tenant_id = $1 and platform_message_id = $2',
    [tenantId, platformMessageId],
  );
  return rows[0];
}

export async function webhookEvents(test: TestDatabase, channel?: string) {
  const { rows } = await test.pool.query(
    'select * from webhook_events where ($1::text is null or channel = $1) order by received_at, id',
    [channel ?? null],
  );
  return rows;
}

/** The per-minute refusal counters (a refusal with no tenant gets no webhook_events row). */
export async function refusalCounts(test: TestDatabase) {
  const { rows } = await test.pool.query(
    `select tenant_id, channel, outcome, sum(refused)::int as refused, sum(recorded)::int as recorded
       from webhook_refusal_counts group by 1, 2, 3 order by 2, 3`,
  );
  return rows as Array<{
    tenant_id: string | null;
    channel: string;
    outcome: string;
    refused: number;
    recorded: number;
  }>;
}

/** Every request the webhook routes answered leaves a trace: a webhook_events row, or a count. */
export async function accountedRequests(test: TestDatabase): Promise<number> {
  const { rows } = await test.pool.query(
    `select (select count(*)::int from webhook_events)
          + (select coalesce(sum(refused - recorded), 0)::int from webhook_refusal_counts) as n`,
  );
  return rows[0].n;
}

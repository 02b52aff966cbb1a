import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RecordedReply, recordAiReply } from '@/src/ai/record-ai-reply';
import type { ReplyDraft } from '@/src/ai/reply-draft';
import type { ClaimedJob } from '@/src/jobs/job-types';
import { type ConversationFixture, createConversation } from '../outbound/outbound-fixture';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// ai_record_reply against the rows ingest_webhook locks (lead, then conversation), and scoring
// the same customer message twice. Both found by the benchmark and fault runs.

let test: TestDatabase;

beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(() => test.drop());

const draft: ReplyDraft = {
  text: 'Claro, la limpieza cuesta MXN 800. ¿Le agendo?',
  sender: 'ai',
  generatedBy: 'claude',
  signals: ['interested', 'budget_mentioned'],
  intent: 'pricing',
  escalate: false,
  escalationReason: null,
};

async function claimAiJob(fixture: ConversationFixture, worker: string): Promise<ClaimedJob> {
  await test.db.rpc('enqueue_job', {
    p_job_type: 'ai_response',
    p_payload: { conversation_id: fixture.conversationId, message_id: fixture.inboundMessageId },
    p_tenant_id: fixture.tenantId,
    p_dedupe_key: `ai_response:${fixture.conversationId}`,
  });
  const [job] = await test.db.rpc('claim_jobs', {
    p_worker: worker,
    p_limit: 1,
    p_lease_seconds: 60,
    p_tenant_id: fixture.tenantId,
  });
  if (!job) throw new Error('no ai_response job to claim');
  return job;
}

function record(fixture: ConversationFixture, job: ClaimedJob): Promise<RecordedReply> {
  return recordAiReply(
    test.db,
    job,
    { conversationId: fixture.conversationId, latestInboundId: fixture.inboundMessageId },
    draft,
  );
}

async function waitUntilBlockedOnLock(): Promise<void> {
  for (;;) {
    const { rows } = await test.pool.query(
      "select 1 from pg_stat_activity where wait_event_type = 'Lock' and query like '%ai_record_reply%'",
    );
    if (rows.length > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('ai_record_reply', () => {
  it('takes the lead before the conversation, as ingest does, so the two cannot deadlock', async () => {
    const fixture = await createConversation(test, { channel: 'whatsapp' });
    const job = await claimAiJob(fixture, 'worker-lock-order');
    const ingest = await test.pool.connect();
    try {
      // What ingest_webhook does for a new message from this person: lead first...
      await ingest.query('begin');
      await ingest.query('update public.leads set last_message_at = now() where id = $1', [fixture.leadId]);
      const reply = record(fixture, job);
      reply.catch(() => {}); // asserted below; a deadlock must fail the test, not crash the run
      await waitUntilBlockedOnLock();
      // ...then the conversation. Before the fix, the reply held it and waited for the lead: 40P01.
      await ingest.query("set local lock_timeout = '10s'");
      await ingest.query('select id from public.conversations where id = $1 for update', [
        fixture.conversationId,
      ]);
      await ingest.query('commit');
      await expect(reply).resolves.toMatchObject({ outcome: 'replied' });
    } finally {
      ingest.release();
    }
  });

  it('scores one customer message once, even when it is answered again after a refused send', async () => {
    const fixture = await createConversation(test, { channel: 'whatsapp', leadScore: 40 });
    const first = await record(fixture, await claimAiJob(fixture, 'worker-score-1'));
    expect(first).toMatchObject({ outcome: 'replied', score_before: 40, score_after: 70 });

    // WhatsApp refused that reply (131047): the message is not answered, so the AI answers again.
    const firstReplyId = first.outcome === 'replied' ? first.message_id : '';
    await test.pool.query(
      "update public.messages set delivery_status = 'failed', error_code = '131047', failed_at = now() where id = $1",
      [firstReplyId],
    );
    const second = await record(fixture, await claimAiJob(fixture, 'worker-score-2'));
    expect(second).toMatchObject({ outcome: 'replied', score_before: 70, score_after: 70 });

    const { rows } = await test.pool.query(
      'select l.score, (select count(*)::int from public.lead_score_events e where e.lead_id = l.id) as events from public.leads l where l.id = $1',
      [fixture.leadId],
    );
    expect(rows[0]).toEqual({ score: 70, events: 1 });
    const replies = await test.pool.query(
      "select count(*)::int as n from public.messages where conversation_id = $1 and direction = 'outbound'",
      [fixture.conversationId],
    );
    expect(replies.rows[0].n).toBe(2);
  });
});

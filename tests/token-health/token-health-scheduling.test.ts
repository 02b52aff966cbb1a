import { HttpResponse, http } from 'msw';
import { beforeAll, describe, expect, it } from 'vitest';
import { connectChannel } from '@/src/channels/connect-channel';
import { getEnv } from '@/src/env';
import { tokenHealthHandler } from '@/src/jobs/handlers/token-health-handler';
import { scheduleTokenHealthChecks } from '@/src/jobs/schedule-token-health';
import { createConversation, queueOutbound, runJobs } from '../outbound/outbound-fixture';
import type { TestDatabase } from '../support/test-database';
import {
  createLiveConnection,
  fakePlatformSuite,
  graph,
  jobsOf,
  metaAppId,
  readConnection,
} from './token-health-fixture';

// When checks run: a new token at once (trigger), every live connection daily (the sweep), a
// platform outage retried by the queue; and the card's "last successful send".

const { server, database } = fakePlatformSuite();
let test: TestDatabase;
beforeAll(() => {
  test = database();
});

describe('token health scheduling', () => {
  it('a new or changed token enqueues one check; saving again does not pile up jobs', async () => {
    const connection = await createLiveConnection(test, 'whatsapp');
    const save = (accessToken?: string) =>
      connectChannel(test.db, getEnv().ENCRYPTION_KEY!, {
        tenantSlug: connection.slug,
        channel: 'whatsapp',
        displayName: 'Recepción',
        ...(accessToken ? { accessToken } : {}),
      });
    await save('EAAG-second-token-000000');
    await save();
    const jobs = await jobsOf(test, 'token_health', connection.tenantId);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({
      status: 'pending',
      payload: { connection_id: connection.id },
      dedupe_key: `token_health:${connection.id}`,
    });
  });

  it('sandbox connections are never checked', async () => {
    const fixture = await createConversation(test, { channel: 'facebook', mode: 'sandbox' });
    expect(await jobsOf(test, 'token_health', fixture.tenantId)).toHaveLength(0);
  });

  it('the daily sweep enqueues a check per live connection not checked for a day, once', async () => {
    const fresh = await createLiveConnection(test, 'whatsapp', { token_checked_at: new Date() });
    const stale = await createLiveConnection(test, 'facebook');
    await test.pool.query(
      "update public.channel_connections set token_checked_at = now() - interval '25 hours' where id = $1",
      [stale.id],
    );
    await test.pool.query("delete from public.jobs where job_type = 'token_health'");

    await scheduleTokenHealthChecks({ db: test.db, handlers: [tokenHealthHandler] });
    await scheduleTokenHealthChecks({ db: test.db, handlers: [tokenHealthHandler] });

    expect(await jobsOf(test, 'token_health', fresh.tenantId)).toHaveLength(0);
    expect(await jobsOf(test, 'token_health', stale.tenantId)).toHaveLength(1);
  });

  it('a Graph outage is retried by the queue and leaves the connection as it was', async () => {
    const connection = await createLiveConnection(test, 'whatsapp');
    await test.pool.query(
      "update public.jobs set scheduled_for = now() + interval '1 day' where job_type = 'token_health' and tenant_id <> $1",
      [connection.tenantId],
    );
    server.use(http.get(`${graph}/v26.0/debug_token`, () => new HttpResponse(null, { status: 503 })));
    const run = await runJobs(test, [tokenHealthHandler]);
    expect(run.outcomes.retry_scheduled).toBe(1);
    expect(await readConnection(test, connection.id)).toMatchObject({
      status: 'connected',
      token_checked_at: null,
    });
  });

  it('the job records the check, and a healthy subscription is left alone', async () => {
    const connection = await createLiveConnection(test, 'whatsapp');
    await test.pool.query(
      "update public.jobs set scheduled_for = now() + interval '1 day' where job_type = 'token_health' and tenant_id <> $1",
      [connection.tenantId],
    );
    server.use(
      http.get(`${graph}/v26.0/debug_token`, () =>
        HttpResponse.json({
          data: { app_id: metaAppId, is_valid: true, expires_at: 0, scopes: ['whatsapp_business_messaging'] },
        }),
      ),
      http.get(`${graph}/v26.0/:wabaId/subscribed_apps`, () =>
        HttpResponse.json({ data: [{ whatsapp_business_api_data: { id: metaAppId, name: 'Inbox' } }] }),
      ),
    );
    const run = await runJobs(test, [tokenHealthHandler]);
    expect(run.outcomes.completed).toBe(1);
    const [job] = await jobsOf(test, 'token_health', connection.tenantId);
    expect(job.status).toBe('completed');
    expect((await readConnection(test, connection.id)).token_scopes).toEqual(['whatsapp_business_messaging']);
  });

  it('a send the platform took stamps last_send_ok_at on the connection', async () => {
    const fixture = await createConversation(test, { channel: 'whatsapp' });
    const messageId = await queueOutbound(test, fixture);
    await test.db.rpc('outbound_begin_send', {
      p_message_id: messageId,
      p_tenant_id: fixture.tenantId,
      p_channel: 'whatsapp',
    });
    const before = await test.pool.query(
      "select last_send_ok_at from public.channel_connections where tenant_id = $1 and channel = 'whatsapp'",
      [fixture.tenantId],
    );
    expect(before.rows[0].last_send_ok_at).toBeNull();
    await test.db.rpc('outbound_record_sent', {
      p_message_id: messageId,
      p_platform_message_id: 'wamid.sent-ok-1',
    });
    const { rows } = await test.pool.query(
      "select c.last_send_ok_at, m.sent_at from public.channel_connections c join public.messages m on m.id = $2 where c.tenant_id = $1 and c.channel = 'whatsapp'",
      [fixture.tenantId, messageId],
    );
    expect(rows[0].last_send_ok_at).toEqual(rows[0].sent_at);
  });
});

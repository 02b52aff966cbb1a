import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setEnvForProcess } from '@/src/env';
import { fetchProfileHandler } from '@/src/jobs/handlers/fetch-profile-handler';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { type ConversationFixture, createConversation, readJobsOf, runJobs } from './outbound-fixture';
import { type CapturedRequest, captureRequest, graphError } from './platform-fake';

const graph = 'https://graph.test';
const instagram = 'https://instagram.test';
const calls: CapturedRequest[] = [];
const server = setupServer();
let test: TestDatabase;

beforeAll(async () => {
  setEnvForProcess({
    GRAPH_API_BASE_URL: graph,
    INSTAGRAM_API_BASE_URL: instagram,
    GRAPH_API_VERSION: 'v26.0',
  });
  server.listen({ onUnhandledRequest: 'error' });
  test = await createTestDatabase();
});
afterEach(() => {
  server.resetHandlers();
  calls.length = 0;
});
afterAll(async () => {
  server.close();
  await test.drop();
});

async function enqueueFetch(fixture: ConversationFixture) {
  await test.db.rpc('enqueue_job', {
    p_job_type: 'fetch_profile',
    p_payload: { lead_id: fixture.leadId },
    p_tenant_id: fixture.tenantId,
    p_dedupe_key: `fetch_profile:${fixture.leadId}`,
  });
}

async function leadOf(fixture: ConversationFixture) {
  const { rows } = await test.pool.query(
    `select l.name, l.profile_picture_url, l.profile_fetched_at, i.username from public.leads l
     join public.lead_identities i on i.lead_id = l.id where l.id = $1`,
    [fixture.leadId],
  );
  return rows[0];
}

function profile(base: string, body: Record<string, unknown>, status = 200) {
  server.use(
    http.get(`${base}/v26.0/:userId`, async ({ request }) => {
      calls.push(await captureRequest(request));
      return HttpResponse.json(body, { status });
    }),
  );
}

describe('fetch_profile', () => {
  it('stores the Messenger first/last name and picture, once', async () => {
    const fixture = await createConversation(test, { channel: 'facebook', accessToken: 'EAAPage-profile' });
    profile(graph, {
      first_name: 'Lucía',
      last_name: 'Pérez',
      profile_pic: 'https://scontent.test/lucia.jpg',
      id: fixture.externalId,
    });
    await enqueueFetch(fixture);
    await runJobs(test, [fetchProfileHandler]);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.method).toBe('GET');
    expect(calls[0]!.url).toBe(
      `${graph}/v26.0/${fixture.externalId}?fields=first_name%2Clast_name%2Cprofile_pic`,
    );
    expect(calls[0]!.headers.authorization).toBe('Bearer EAAPage-profile');
    expect(await leadOf(fixture)).toMatchObject({
      name: 'Lucía Pérez',
      profile_picture_url: 'https://scontent.test/lucia.jpg',
    });

    await enqueueFetch(fixture);
    await runJobs(test, [fetchProfileHandler]);
    expect(calls).toHaveLength(1);
    const jobs = (await readJobsOf(test, 'fetch_profile')).filter(
      (job) => job.payload.lead_id === fixture.leadId,
    );
    expect(jobs.map((job) => job.result)).toEqual([{ fetched: true }, { skipped: 'already_fetched' }]);
  });

  it('stores the Instagram name, username and picture', async () => {
    const fixture = await createConversation(test, { channel: 'instagram' });
    profile(instagram, { name: null, username: 'lucia.sonrie', profile_pic: 'https://cdn.test/p.jpg' });
    await enqueueFetch(fixture);
    await runJobs(test, [fetchProfileHandler]);
    expect(calls[0]!.url).toBe(
      `${instagram}/v26.0/${fixture.externalId}?fields=name%2Cusername%2Cprofile_pic`,
    );
    expect(await leadOf(fixture)).toMatchObject({
      name: 'lucia.sonrie',
      username: 'lucia.sonrie',
      profile_picture_url: 'https://cdn.test/p.jpg',
    });
  });

  it('asks no more when Meta says consent is missing, and keeps the lead nameless', async () => {
    const fixture = await createConversation(test, { channel: 'instagram', pageLinkedInstagram: true });
    server.use(
      http.get(`${graph}/v26.0/:userId`, () =>
        graphError(400, 230, 'User consent is required to access user profile'),
      ),
    );
    await enqueueFetch(fixture);
    const run = await runJobs(test, [fetchProfileHandler]);
    expect(run.outcomes.completed).toBe(1);
    const lead = await leadOf(fixture);
    expect(lead.name).toBeNull();
    expect(lead.profile_fetched_at).not.toBeNull();
  });

  it('marks the connection needs_reauth on 190', async () => {
    const fixture = await createConversation(test, { channel: 'facebook' });
    server.use(
      http.get(`${graph}/v26.0/:userId`, () => graphError(400, 190, 'Error validating access token')),
    );
    await enqueueFetch(fixture);
    const run = await runJobs(test, [fetchProfileHandler]);
    expect(run.outcomes.failed).toBe(1);
    const { rows } = await test.pool.query(
      'select status from public.channel_connections where tenant_id = $1',
      [fixture.tenantId],
    );
    expect(rows[0].status).toBe('needs_reauth');
  });

  it('skips WhatsApp (the name comes with the webhook) and sandbox connections without any request', async () => {
    const whatsapp = await createConversation(test, { channel: 'whatsapp' });
    const sandbox = await createConversation(test, { channel: 'facebook', mode: 'sandbox' });
    await enqueueFetch(whatsapp);
    await enqueueFetch(sandbox);
    await runJobs(test, [fetchProfileHandler]);
    expect(calls).toHaveLength(0);
    const results = (await readJobsOf(test, 'fetch_profile'))
      .filter((job) => [whatsapp.leadId, sandbox.leadId].includes(job.payload.lead_id))
      .map((job) => job.result);
    expect(results).toEqual([{ skipped: 'not_supported' }, { skipped: 'sandbox' }]);
  });
});

import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setEnvForProcess } from '@/src/env';
import { fetchProfileHandler } from '@/src/jobs/handlers/fetch-profile-handler';
import { sendHandlers } from '@/src/jobs/handlers/send-message-handler';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { createConversation, queueOutbound, runJobs } from './outbound-fixture';

// Graph answers a malformed token with "Malformed access token <the token>", and TikTok may
// quote it too. Found by tests/faults/secrets-scan: that text reached messages.error_message,
// the connection's last_error, the job's error and the logs, so the dashboard showed the token.

const graph = 'https://graph.test';
const tiktok = 'https://tiktok.test';
const server = setupServer(
  http.post(`${graph}/v26.0/:account/messages`, ({ request }) => {
    const token = request.headers.get('authorization')!.replace('Bearer ', '');
    return HttpResponse.json(
      { error: { message: `Malformed access token ${token}`, type: 'OAuthException', code: 190 } },
      { status: 400 },
    );
  }),
  http.get(`${graph}/v26.0/:user`, ({ request }) => {
    const token = request.headers.get('authorization')!.replace('Bearer ', '');
    return HttpResponse.json(
      { error: { message: `Malformed access token ${token}`, type: 'OAuthException', code: 190 } },
      { status: 400 },
    );
  }),
  http.post(`${tiktok}/open_api/v1.3/business/message/send/`, ({ request }) =>
    HttpResponse.json({
      code: 40105,
      message: `Access token ${request.headers.get('access-token')} is invalid`,
    }),
  ),
);
let test: TestDatabase;

beforeAll(async () => {
  setEnvForProcess({ GRAPH_API_BASE_URL: graph, TIKTOK_API_BASE_URL: tiktok, GRAPH_API_VERSION: 'v26.0' });
  server.listen({ onUnhandledRequest: 'error' });
  test = await createTestDatabase();
});
afterAll(async () => {
  server.close();
  await test.drop();
});

async function everythingStaffCanRead(tenantId: string): Promise<string> {
  const { rows } = await test.pool.query(
    `select coalesce(string_agg(error_message, ' '), '') as text from messages where tenant_id = $1
     union all select coalesce(string_agg(error_message, ' '), '') from jobs where tenant_id = $1
     union all select coalesce(string_agg(last_error, ' '), '') from channel_connections where tenant_id = $1`,
    [tenantId],
  );
  return rows.map((row) => row.text).join('\n');
}

describe('a platform error that quotes the access token', () => {
  it.each(['whatsapp', 'tiktok'] as const)(
    '%s send: the error is kept, the token is not',
    async (channel) => {
      const token = `${channel}-token-${Date.now()}-quoted-back`;
      const fixture = await createConversation(test, { channel, accessToken: token });
      await queueOutbound(test, fixture);
      const stderr: string[] = [];
      const write = process.stderr.write.bind(process.stderr);
      process.stderr.write = ((chunk: string) =>
        stderr.push(String(chunk)) > 0) as typeof process.stderr.write;
      setEnvForProcess({ LOG_LEVEL: 'info' });
      try {
        await runJobs(test, sendHandlers);
      } finally {
        process.stderr.write = write;
        setEnvForProcess({ LOG_LEVEL: 'error' });
      }
      const stored = await everythingStaffCanRead(fixture.tenantId);
      expect(stored).toContain('[token]');
      expect(stored).not.toContain(token);
      expect(stderr.join('')).not.toContain(token);
    },
  );

  it('profile fetch: the connection is marked for reauth without the token in its error', async () => {
    const token = `facebook-token-${Date.now()}-quoted-back`;
    const fixture = await createConversation(test, { channel: 'facebook', accessToken: token });
    await test.db.rpc('enqueue_job', {
      p_job_type: 'fetch_profile',
      p_payload: { lead_id: fixture.leadId },
      p_tenant_id: fixture.tenantId,
    });
    await runJobs(test, [fetchProfileHandler]);
    const stored = await everythingStaffCanRead(fixture.tenantId);
    expect(stored).toContain('Malformed access token [token]');
    expect(stored).not.toContain(token);
  });
});

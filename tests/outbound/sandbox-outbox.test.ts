import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendHandlers } from '@/src/jobs/handlers/send-message-handler';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { createConversation, queueOutbound, readMessage, runJobs } from './outbound-fixture';

// Sandbox connections (the demo tenant): the reply lands in outbox_messages, no HTTP at all
// (msw fails the test on any request).

const server = setupServer();
let test: TestDatabase;

beforeAll(async () => {
  server.listen({ onUnhandledRequest: 'error' });
  test = await createTestDatabase();
});
afterAll(async () => {
  server.close();
  await test.drop();
});

describe('sandbox delivery', () => {
  it.each(['whatsapp', 'facebook', 'instagram', 'tiktok'] as const)(
    'delivers %s replies to the local outbox',
    async (channel) => {
      const fixture = await createConversation(test, { channel, mode: 'sandbox' });
      const id = await queueOutbound(test, fixture, { text: `Respuesta por ${channel}` });
      const run = await runJobs(test, sendHandlers);
      expect(run.outcomes.completed).toBe(1);
      const row = await readMessage(test, id);
      expect(row.delivery_status).toBe('sent');
      expect(row.platform_message_id).toMatch(/^sandbox\./);
      const { rows } = await test.pool.query('select * from public.outbox_messages where message_id = $1', [
        id,
      ]);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        tenant_id: fixture.tenantId,
        channel,
        platform_message_id: row.platform_message_id,
      });
      expect(rows[0].recipient).toBe(channel === 'tiktok' ? fixture.threadId : fixture.externalId);
      expect(JSON.stringify(rows[0].request)).toContain(`Respuesta por ${channel}`);
      expect(JSON.stringify(rows[0].request)).not.toMatch(/token/i);
    },
  );

  it('applies the same windows as live delivery', async () => {
    const fixture = await createConversation(test, { channel: 'whatsapp', mode: 'sandbox', hoursAgo: 26 });
    const id = await queueOutbound(test, fixture, { sender: 'ai' });
    await runJobs(test, sendHandlers);
    expect(await readMessage(test, id)).toMatchObject({
      delivery_status: 'failed',
      error_code: 'outside_window',
    });
    const { rows } = await test.pool.query(
      'select count(*)::int as n from public.outbox_messages where message_id = $1',
      [id],
    );
    expect(rows[0].n).toBe(0);
  });

  it('refuses to sandbox-deliver a message of a live connection', async () => {
    const fixture = await createConversation(test, { channel: 'whatsapp', mode: 'live' });
    const id = await queueOutbound(test, fixture);
    await expect(
      test.db.rpc('outbound_deliver_sandbox', { p_message_id: id, p_recipient: 'x', p_request: {} }),
    ).rejects.toMatchObject({ code: 'conflict' });
  });
});

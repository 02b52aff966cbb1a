import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConversation } from '../outbound/outbound-fixture';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// Whether the customer's newest message counts as answered (ai_load_context and ai_record_reply
// both ask): a reply that may have reached them does, one the platform refused does not. Found
// by tests/faults/flaky-upstreams: an older ai_response job, retried after a newer one's reply
// ended send_unconfirmed, answered the same messages a second time.

let test: TestDatabase;

beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(() => test.drop());

async function answeredAfterReply(status: string, errorCode: string | null): Promise<boolean> {
  const fixture = await createConversation(test, { channel: 'whatsapp' });
  await test.pool.query(
    `insert into public.messages (tenant_id, conversation_id, lead_id, channel, direction, sender, text,
       generated_by, delivery_status, error_code, created_at)
     values ($1, $2, $3, 'whatsapp', 'outbound', 'ai', 'Respuesta', 'claude', $4, $5, now() + interval '1 second')`,
    [fixture.tenantId, fixture.conversationId, fixture.leadId, status, errorCode],
  );
  const context = await test.db.rpc('ai_load_context', {
    p_conversation_id: fixture.conversationId,
  });
  return context.found && context.answered;
}

describe('the newest customer message is answered by', () => {
  it.each([
    ['a reply being sent', 'sending', null, true],
    ['a sent reply', 'sent', null, true],
    ['a reply whose send was cut off (may have been delivered)', 'failed', 'send_unconfirmed', true],
    ['not a reply the platform refused (131047)', 'failed', '131047', false],
    ['not a reply that could not reach the platform', 'failed', 'network', false],
  ])('%s', async (_what, status, errorCode, answered) => {
    expect(await answeredAfterReply(status, errorCode)).toBe(answered);
  });
});

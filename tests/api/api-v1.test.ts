import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '@/src/api/api-key';
import { type SeededInbox, seedInbox } from '../dashboard/seed-inbox';
import { createTenantWithStaff } from '../support/staff';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { callApi } from './call-api';

// The public API on the real database through the real routes: a business's keys see and change
// only their business, a revoked key is refused, a read key cannot write.

let test: TestDatabase;
let a: Awaited<ReturnType<typeof createTenantWithStaff>>;
let b: Awaited<ReturnType<typeof createTenantWithStaff>>;
let inboxA: SeededInbox;
let inboxB: SeededInbox;
const keys = { write: '', read: '', revoked: '', other: '' };

async function makeKey(tenantId: string, scope: 'read' | 'write', rateLimit: number | null = null) {
  const made = createApiKey();
  const saved = await test.db.rpc('admin_create_api_key', {
    p_tenant_id: tenantId,
    p_name: `key ${scope}`,
    p_scope: scope,
    p_key_hash: made.keyHash,
    p_prefix: made.prefix,
    p_rate_limit: rateLimit,
  });
  return { key: made.key, id: saved.id };
}

beforeAll(async () => {
  test = await createTestDatabase();
  a = await createTenantWithStaff(test, 'api-a');
  b = await createTenantWithStaff(test, 'api-b');
  inboxA = await seedInbox(test, a.tenantId, { name: 'Ana', text: 'Hola, quiero una cita' });
  inboxB = await seedInbox(test, b.tenantId, { name: 'Beto', text: 'Hola desde B' });
  keys.write = (await makeKey(a.tenantId, 'write')).key;
  keys.read = (await makeKey(a.tenantId, 'read')).key;
  const revoked = await makeKey(a.tenantId, 'write');
  await test.db.rpc('admin_revoke_api_key', { p_tenant_id: a.tenantId, p_key_id: revoked.id });
  keys.revoked = revoked.key;
  keys.other = (await makeKey(b.tenantId, 'write')).key;
});

afterAll(async () => {
  await test?.drop();
});

describe('conversations', () => {
  it('lists only the key business conversations', async () => {
    const answer = await callApi('GET', '/conversations', { key: keys.read });
    expect(answer.status).toBe(200);
    expect(answer.body.data.map((c: { id: string }) => c.id)).toEqual([inboxA.conversationId]);
    const other = await callApi('GET', '/conversations', { key: keys.other });
    expect(other.body.data.map((c: { id: string }) => c.id)).toEqual([inboxB.conversationId]);
  });

  it('gets one with its history; another business key gets 404', async () => {
    const answer = await callApi('GET', '/conversations/{id}', { key: keys.read, id: inboxA.conversationId });
    expect(answer.status).toBe(200);
    expect(JSON.stringify(answer.body.data)).toContain('Hola, quiero una cita');
    const other = await callApi('GET', '/conversations/{id}', { key: keys.other, id: inboxA.conversationId });
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe('not_found');
    expect(JSON.stringify(other.body)).not.toContain('quiero una cita');
  });

  it('refuses a revoked key, a missing key and a read key writing', async () => {
    const revoked = await callApi('GET', '/conversations', { key: keys.revoked });
    expect(revoked.status).toBe(401);
    expect(revoked.body.error.code).toBe('unauthorized');
    const missing = await callApi('GET', '/conversations', {});
    expect(missing.status).toBe(401);
    const reading = await callApi('POST', '/conversations/{id}/close', {
      key: keys.read,
      id: inboxA.conversationId,
    });
    expect(reading.status).toBe(403);
    expect(reading.body.error.code).toBe('forbidden_scope');
  });

  it('closes and reopens', async () => {
    const closed = await callApi('POST', '/conversations/{id}/close', {
      key: keys.write,
      id: inboxA.conversationId,
    });
    expect(closed.status).toBe(200);
    expect(closed.body.data.status).toBe('closed');
    const reopened = await callApi('POST', '/conversations/{id}/reopen', {
      key: keys.write,
      id: inboxA.conversationId,
    });
    expect(reopened.body.data.status).toBe('active');
  });
});

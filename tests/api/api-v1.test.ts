import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { type ApiFixture, createApiFixture } from './api-v1-fixture';
import { type ApiAnswer, callApi } from './call-api';

// Every /api/v1 endpoint on the real database through its real route: with a valid key it works
// on its own business; another business's key gets 404 (or a list without a trace of the first
// business); a revoked key gets 401; a read key writing gets 403. Errors share one shape.

let test: TestDatabase;
let f: ApiFixture;
let appointmentId = '';
let bookedId = '';

type Case = {
  method: 'GET' | 'POST' | 'PATCH';
  path: string;
  write: boolean;
  /** Names another business's rows in its body (so a foreign key gets 404). */
  foreignBody?: boolean;
  id?: () => string;
  query?: () => Record<string, string>;
  body?: () => unknown;
  check: (answer: ApiAnswer) => void | Promise<void>;
};

// In order: the booking comes before its cancellation.
const cases: Case[] = [
  {
    method: 'GET',
    path: '/conversations',
    write: false,
    query: () => ({ status: 'open', limit: '10' }),
    check: (answer) => {
      expect(answer.body.data.map((c: { id: string }) => c.id)).toEqual([f.a.inbox.conversationId]);
      expect(answer.body.next_cursor).toBeNull();
    },
  },
  {
    method: 'GET',
    path: '/conversations/{id}',
    write: false,
    id: () => f.a.inbox.conversationId,
    check: (answer) => expect(JSON.stringify(answer.body.data)).toContain('soy Ana y quiero una cita'),
  },
  {
    method: 'POST',
    path: '/conversations/{id}/close',
    write: true,
    id: () => f.a.inbox.conversationId,
    check: (answer) => expect(answer.body.data.status).toBe('closed'),
  },
  {
    method: 'POST',
    path: '/conversations/{id}/reopen',
    write: true,
    id: () => f.a.inbox.conversationId,
    check: (answer) => expect(answer.body.data.status).toBe('active'),
  },
  {
    method: 'POST',
    path: '/conversations/{id}/handler',
    write: true,
    id: () => f.a.inbox.conversationId,
    body: () => ({ handled_by: 'human' }),
    check: async (answer) => {
      expect(answer.body.data.handled_by).toBe('human');
      const back = await callApi('POST', '/conversations/{id}/handler', {
        key: f.keys.write,
        id: f.a.inbox.conversationId,
        body: { handled_by: 'ai' },
      });
      expect(back.body.data.handled_by).toBe('ai');
    },
  },
  {
    method: 'POST',
    path: '/conversations/{id}/escalate',
    write: true,
    id: () => f.a.inbox.conversationId,
    body: () => ({ reason: 'Pide hablar con la doctora' }),
    check: async (answer) => {
      expect(answer.body.data).toMatchObject({ handled_by: 'human', escalated_at: expect.any(String) });
      const { rows } = await test.pool.query('select escalation_reason from conversations where id = $1', [
        f.a.inbox.conversationId,
      ]);
      expect(rows[0].escalation_reason).toContain('Pide hablar con la doctora');
      const back = await callApi('POST', '/conversations/{id}/handler', {
        key: f.keys.write,
        id: f.a.inbox.conversationId,
        body: { handled_by: 'ai' },
      });
      expect(back.body.data.handled_by).toBe('ai');
    },
  },
  {
    method: 'POST',
    path: '/conversations/{id}/ai-reply',
    write: true,
    id: () => f.a.inbox.conversationId,
    check: async (answer) => {
      expect(answer.body.data).toEqual({ outcome: 'queued', message_id: f.a.inbox.inboundId });
      const { rows } = await test.pool.query(
        "select count(*)::int as n from jobs where job_type = 'ai_response' and payload->>'conversation_id' = $1",
        [f.a.inbox.conversationId],
      );
      expect(rows[0].n).toBe(1);
    },
  },
  {
    method: 'POST',
    path: '/conversations/{id}/messages',
    write: true,
    id: () => f.a.inbox.conversationId,
    body: () => ({ type: 'text', text: 'Le confirmo por aquí' }),
    check: async (answer) => {
      expect(answer.status).toBe(201);
      const { rows } = await test.pool.query('select sender, text, tenant_id from messages where id = $1', [
        answer.body.data.id,
      ]);
      expect(rows[0]).toMatchObject({
        sender: 'human',
        text: 'Le confirmo por aquí',
        tenant_id: f.a.tenantId,
      });
    },
  },
  {
    method: 'GET',
    path: '/leads',
    write: false,
    check: (answer) => expect(answer.body.data.map((l: { id: string }) => l.id)).toEqual([f.a.inbox.leadId]),
  },
  {
    method: 'GET',
    path: '/leads/{id}',
    write: false,
    id: () => f.a.inbox.leadId,
    check: (answer) => expect(JSON.stringify(answer.body.data)).toContain('Ana'),
  },
  {
    method: 'PATCH',
    path: '/leads/{id}',
    write: true,
    id: () => f.a.inbox.leadId,
    body: () => ({ email: 'ana@example.com', notes: 'Prefiere mañanas' }),
    check: async () => {
      const { rows } = await test.pool.query('select email, notes from leads where id = $1', [
        f.a.inbox.leadId,
      ]);
      expect(rows[0]).toEqual({ email: 'ana@example.com', notes: 'Prefiere mañanas' });
    },
  },
  {
    method: 'POST',
    path: '/leads/{id}/tags',
    write: true,
    id: () => f.a.inbox.leadId,
    body: () => ({ tag_id: f.a.tagId }),
    check: async () => {
      const { rows } = await test.pool.query('select tag_id from lead_tags where lead_id = $1', [
        f.a.inbox.leadId,
      ]);
      expect(rows).toEqual([{ tag_id: f.a.tagId }]);
    },
  },
  {
    method: 'POST',
    path: '/appointments',
    write: true,
    foreignBody: true,
    body: () => ({
      lead_id: f.a.inbox.leadId,
      service_id: f.a.serviceId,
      branch_id: f.a.branchId,
      local_start: `${f.a.day}T10:00`,
    }),
    check: (answer) => {
      expect(answer.status).toBe(201);
      expect(answer.body.data).toMatchObject({
        lead_id: f.a.inbox.leadId,
        source: 'api',
        status: 'confirmed',
      });
      appointmentId = answer.body.data.id;
    },
  },
  {
    method: 'GET',
    path: '/appointments',
    write: false,
    check: (answer) =>
      expect(answer.body.data.map((x: { id: string }) => x.id).sort()).toEqual(
        [appointmentId, bookedId].sort(),
      ),
  },
  {
    method: 'POST',
    path: '/appointments/{id}/cancel',
    write: true,
    id: () => bookedId,
    body: () => ({ note: 'El cliente canceló por teléfono' }),
    check: (answer) => expect(answer.body.data).toMatchObject({ id: bookedId, status: 'cancelled' }),
  },
  {
    method: 'GET',
    path: '/stats',
    write: false,
    query: () => ({ from: '2026-01-01', to: '2026-12-31' }),
    check: (answer) =>
      expect(answer.body.data).toMatchObject({
        per_day: expect.any(Array),
        ai_response: expect.any(Object),
        escalations: expect.any(Array),
        send_errors: expect.any(Array),
        conversion: expect.any(Object),
      }),
  },
];

const call = (c: Case, key: string) =>
  callApi(c.method, c.path, { key, id: c.id?.(), query: c.query?.(), body: c.body?.() });

beforeAll(async () => {
  test = await createTestDatabase();
  f = await createApiFixture(test);
  const booked = await callApi('POST', '/appointments', {
    key: f.keys.write,
    body: { lead_id: f.a.inbox.leadId, service_id: f.a.serviceId, local_start: `${f.a.day}T12:00` },
  });
  expect(booked.status).toBe(201);
  bookedId = booked.body.data.id;
});

afterAll(async () => {
  await test?.drop();
});

describe('every endpoint', () => {
  it.each(cases.filter((c) => c.write))('$method $path: a read-only key is refused with 403', async (c) => {
    const answer = await call(c, f.keys.read);
    expect(answer.status).toBe(403);
    expect(answer.body).toEqual({ error: { code: 'forbidden_scope', message: expect.any(String) } });
  });

  it.each(cases)('$method $path: a revoked key is refused with 401', async (c) => {
    const answer = await call(c, f.keys.revoked);
    expect(answer.status).toBe(401);
    expect(answer.body.error.code).toBe('unauthorized');
  });

  it.each(cases.filter((c) => c.id || c.foreignBody))(
    '$method $path: another business key gets 404 and nothing of it',
    async (c) => {
      const answer = await call(c, f.keys.other);
      expect(answer.status).toBe(404);
      expect(answer.body.error.code).toBe('not_found');
      expect(JSON.stringify(answer.body)).not.toMatch(/Ana|quiero una cita/);
    },
  );

  it.each(cases)('$method $path: works with a valid key', async (c) => {
    const answer = await call(c, f.keys.write);
    expect([200, 201]).toContain(answer.status);
    await c.check(answer);
  });

  it.each(cases.filter((c) => !c.id && !c.foreignBody))(
    '$method $path: another business key sees only its own',
    async (c) => {
      const answer = await call(c, f.keys.other);
      const text = JSON.stringify(answer.body);
      expect(text).not.toContain(f.a.inbox.conversationId);
      expect(text).not.toContain(f.a.inbox.leadId);
      expect(text).not.toMatch(/soy Ana/);
    },
  );
});

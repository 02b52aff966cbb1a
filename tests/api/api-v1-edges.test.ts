import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as openApi } from '@/app/api/v1/openapi.json/route';
import { apiEndpoints } from '@/src/api/api-endpoints';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { type ApiFixture, createApiFixture, makeApiKey } from './api-v1-fixture';
import { callApi, routedPaths } from './call-api';

// The API's edges: the per-key limit (429 + Retry-After, counted in Postgres), validation errors
// in the shared shape, paging, template sends, and the OpenAPI document naming every route.

let test: TestDatabase;
let f: ApiFixture;

beforeAll(async () => {
  test = await createTestDatabase();
  f = await createApiFixture(test);
});

afterAll(async () => {
  await test?.drop();
});

describe('rate limit', () => {
  it('answers 429 with Retry-After once a key passes its limit, other keys unaffected', async () => {
    const limited = await makeApiKey(test, f.a.tenantId, 'read', 3);
    // Eight calls at a limit of 3 a minute: even if a minute turns over in between, one is refused.
    const statuses: number[] = [];
    let refused: Awaited<ReturnType<typeof callApi>> | undefined;
    while (!refused && statuses.length < 8) {
      const answer = await callApi('GET', '/leads', { key: limited.key });
      statuses.push(answer.status);
      if (answer.status === 429) refused = answer;
    }
    expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
    if (!refused) throw new Error(`never refused: ${statuses.join(',')}`);
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('rate_limited');
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await callApi('GET', '/leads', { key: f.keys.read })).status).toBe(200);
  });

  it('records when a key was last used', async () => {
    const { rows } = await test.pool.query(
      'select count(*)::int as n from api_keys where tenant_id = $1 and last_used_at is not null',
      [f.a.tenantId],
    );
    expect(rows[0].n).toBeGreaterThanOrEqual(1);
  });
});

describe('requests', () => {
  it('refuses a malformed Authorization header and keys we never issued with 401', async () => {
    for (const authorization of ['Basic abc', 'Bearer nope', `Bearer ik_${'x'.repeat(40)}`]) {
      const answer = await callApi('GET', '/leads', { authorization });
      expect(answer.status).toBe(401);
      expect(answer.body.error.code).toBe('unauthorized');
    }
  });

  it('answers validation_failed naming the field, before touching the database', async () => {
    const badId = await callApi('GET', '/conversations/{id}', { key: f.keys.read, id: 'not-a-uuid' });
    expect(badId.status).toBe(400);
    expect(badId.body.error).toMatchObject({
      code: 'validation_failed',
      details: { issues: [{ path: 'path.id' }] },
    });
    const badBody = await callApi('POST', '/conversations/{id}/handler', {
      key: f.keys.write,
      id: f.a.inbox.conversationId,
      body: { handled_by: 'robot' },
    });
    expect(badBody.status).toBe(400);
    expect(badBody.body.error.details.issues[0].path).toBe('body.handled_by');
    const unknownField = await callApi('PATCH', '/leads/{id}', {
      key: f.keys.write,
      id: f.a.inbox.leadId,
      body: { score: 100 },
    });
    expect(unknownField.status).toBe(400);
    const badLimit = await callApi('GET', '/leads', { key: f.keys.read, query: { limit: '5000' } });
    expect(badLimit.status).toBe(400);
    expect(badLimit.body.error.details.issues[0].path).toBe('query.limit');
  });

  it('pages with an opaque cursor', async () => {
    const first = await callApi('GET', '/conversations', { key: f.keys.other, query: { limit: '1' } });
    expect(first.body.data).toHaveLength(1);
    expect(first.body.next_cursor).toBeNull();
    const junk = await callApi('GET', '/conversations', { key: f.keys.read, query: { cursor: '%%%' } });
    expect(junk.status).toBe(400);
    expect(junk.body.error.code).toBe('validation_failed');
  });

  it('a taken time answers 409 with the next free slots', async () => {
    const body = { lead_id: f.a.inbox.leadId, service_id: f.a.serviceId, local_start: `${f.a.day}T15:00` };
    expect((await callApi('POST', '/appointments', { key: f.keys.write, body })).status).toBe(201);
    const again = await callApi('POST', '/appointments', { key: f.keys.write, body });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'conflict', details: { reason: 'taken' } });
    expect(again.body.error.details.next_slots.length).toBeGreaterThan(0);
  });

  it('sends an approved WhatsApp template filled with its values, refuses an unknown one', async () => {
    await test.pool.query(
      `insert into whatsapp_templates (tenant_id, waba_id, name, language, category, status, components)
       values ($1, '102290129340398', 'seguimiento', 'es_MX', 'utility', 'approved', $2)`,
      [f.a.tenantId, JSON.stringify([{ type: 'BODY', text: 'Hola {{1}}, ¿seguimos con su cita?' }])],
    );
    const sent = await callApi('POST', '/conversations/{id}/messages', {
      key: f.keys.write,
      id: f.a.inbox.conversationId,
      body: { type: 'template', name: 'seguimiento', params: ['Ana'] },
    });
    expect(sent.status).toBe(201);
    const { rows } = await test.pool.query('select text, content from messages where id = $1', [
      sent.body.data.id,
    ]);
    expect(rows[0].text).toContain('Hola Ana, ¿seguimos con su cita?');
    expect(rows[0].content).toMatchObject({ kind: 'template' });
    const unknown = await callApi('POST', '/conversations/{id}/messages', {
      key: f.keys.write,
      id: f.a.inbox.conversationId,
      body: { type: 'template', name: 'no_existe', params: [] },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.reason).toBe('template_not_approved');
    const empty = await callApi('POST', '/conversations/{id}/messages', {
      key: f.keys.write,
      id: f.a.inbox.conversationId,
      body: { type: 'template', name: 'seguimiento', params: [] },
    });
    expect(empty.body.error.details.reason).toBe('template_value_missing');
  });
});

describe('OpenAPI', () => {
  it('lists every route with its method, parameters and request body, generated from the schemas', async () => {
    const response = openApi(new Request('http://localhost:3000/api/v1/openapi.json'));
    expect(response.status).toBe(200);
    const doc = await response.json();
    expect(doc.openapi).toBe('3.1.0');
    const listed = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(listed.sort()).toEqual(apiEndpoints.map((e) => `${e.method} ${e.path}`).sort());
    // Every listed path has a real route file (the test client routes by the same paths).
    expect([...new Set(apiEndpoints.map((e) => e.path))].sort()).toEqual([...routedPaths].sort());
    const list = doc.paths['/conversations'].get;
    expect(list.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['status', 'channel', 'assigned', 'updated_since', 'cursor', 'limit']),
    );
    const send = doc.paths['/conversations/{id}/messages'].post;
    expect(
      send.requestBody.content['application/json'].schema.oneOf ??
        send.requestBody.content['application/json'].schema.anyOf,
    ).toHaveLength(2);
    expect(doc.components.schemas.Error.properties.error.properties.code.enum).toContain('rate_limited');
  });
});

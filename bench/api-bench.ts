import { apiEndpoint, apiEndpoints } from '@/src/api/api-endpoints';
import { createApiKey } from '@/src/api/api-key';
import { handleApiRequest } from '@/src/api/handle-api-request';
import { createCountingDbPort } from '@/src/db/counting-db-port';
import { createPgPool, createPgPort } from '@/src/db/pg-rpc';
import type { BenchServer } from './bench-database';
import { type BenchRow, percentile, round, timeMs } from './measure';

// Public API: database round trips per request of every /api/v1 endpoint (counted by the
// counting port: each rpc() is one round trip) against its budget, and the median time. One
// business with a conversation, a lead, a calendar and a tag; requests go through the same
// handler the routes call. Budget: 1 round trip (api_invoke does key, limit, scope and the
// operation in one call); a template send reads the approved templates first (2).

export type ApiBenchOptions = { samples: number };

const budget: Record<string, number> = { 'POST /conversations/{id}/messages': 2 };

async function seed(url: string) {
  const admin = createPgPool(url, 2);
  const one = async (sql: string, params: unknown[] = []) => (await admin.query(sql, params)).rows[0];
  const tenant = await one(
    "select (public.admin_create_tenant('bench-api', 'Bench API', 'America/Mexico_City') ->> 'id') as id",
  );
  await one("select public.admin_seed_staff_member('bench-api', 'owner@bench-api.example', 'owner')");
  const branch = await one(
    `select (public.admin_save_branch('bench-api', '{"name": "Centro", "weekly_hours": {"mon": [["09:00", "19:00"]],
       "tue": [["09:00", "19:00"]], "wed": [["09:00", "19:00"]], "thu": [["09:00", "19:00"]], "fri": [["09:00", "19:00"]],
       "sat": [["09:00", "19:00"]], "sun": [["09:00", "19:00"]]}}') ->> 'id') as id`,
  );
  const service = await one(
    `select (public.admin_save_service('bench-api', '{"name": "Limpieza", "duration_minutes": 30}') ->> 'id') as id`,
  );
  await one(
    `select public.admin_save_resource('bench-api', '{"branch": "Centro", "name": "Dra. Ruiz", "services": ["Limpieza"]}')`,
  );
  const lead = await one(
    "insert into leads (tenant_id, origin_channel, name, last_message_at) values ($1, 'whatsapp', 'Ana', now()) returning id",
    [tenant.id],
  );
  const conversation = await one(
    `insert into conversations (tenant_id, lead_id, channel, last_inbound_at, last_message_at)
     values ($1, $2, 'whatsapp', now(), now()) returning id`,
    [tenant.id, lead.id],
  );
  await one(
    `insert into messages (tenant_id, conversation_id, lead_id, channel, direction, sender, text)
     values ($1, $2, $3, 'whatsapp', 'inbound', 'lead', 'Hola') returning id`,
    [tenant.id, conversation.id, lead.id],
  );
  await one(
    `insert into whatsapp_templates (tenant_id, waba_id, name, language, category, status, components)
     values ($1, 'bench-waba', 'seguimiento', 'es_MX', 'utility', 'approved', $2) returning id`,
    [tenant.id, JSON.stringify([{ type: 'BODY', text: 'Hola {{1}}' }])],
  );
  const tag = await one("insert into tags (tenant_id, name) values ($1, 'VIP') returning id", [tenant.id]);
  const made = createApiKey();
  await one("select public.admin_create_api_key($1, 'bench', 'write', $2, $3, 10000) ->> 'id' as id", [
    tenant.id,
    made.keyHash,
    made.prefix,
  ]);
  await admin.end();
  return {
    key: made.key,
    tenantId: tenant.id,
    leadId: lead.id,
    conversationId: conversation.id,
    serviceId: service.id,
    branchId: branch.id,
    tagId: tag.id,
  };
}

export async function runApiBench(server: BenchServer, options: ApiBenchOptions): Promise<BenchRow[]> {
  const url = await server.createDatabase('bench_api');
  const s = await seed(url);
  const pool = createPgPool(url, 2);
  const db = createCountingDbPort(createPgPort(pool));
  let minute = 0;
  const requests: Record<string, () => { id?: string; query?: string; body?: unknown }> = {
    'GET /conversations': () => ({ query: 'status=open&limit=50' }),
    'GET /conversations/{id}': () => ({ id: s.conversationId }),
    'POST /conversations/{id}/close': () => ({ id: s.conversationId }),
    'POST /conversations/{id}/reopen': () => ({ id: s.conversationId }),
    'POST /conversations/{id}/handler': () => ({ id: s.conversationId, body: { handled_by: 'ai' } }),
    'POST /conversations/{id}/escalate': () => ({ id: s.conversationId, body: { reason: 'bench' } }),
    'POST /conversations/{id}/ai-reply': () => ({ id: s.conversationId }),
    'POST /conversations/{id}/messages': () => ({
      id: s.conversationId,
      body: { type: 'template', name: 'seguimiento', params: ['Ana'] },
    }),
    'GET /leads': () => ({ query: 'limit=50' }),
    'GET /leads/{id}': () => ({ id: s.leadId }),
    'PATCH /leads/{id}': () => ({ id: s.leadId, body: { notes: 'Prefiere mañanas' } }),
    'POST /leads/{id}/tags': () => ({ id: s.leadId, body: { tag_id: s.tagId } }),
    'POST /appointments': () => {
      // Each booking a new time: a minute apart would overlap, so one 30-minute slot a step.
      minute += 1;
      const day = new Date(Date.now() + (2 + Math.floor(minute / 20)) * 86_400_000)
        .toISOString()
        .slice(0, 10);
      const slot = minute % 20;
      const hh = String(9 + Math.floor(slot / 2)).padStart(2, '0');
      return {
        body: {
          lead_id: s.leadId,
          service_id: s.serviceId,
          local_start: `${day}T${hh}:${slot % 2 ? '30' : '00'}`,
        },
      };
    },
    'GET /appointments': () => ({ query: 'limit=100' }),
    'POST /appointments/{id}/cancel': () => ({ id: '00000000-0000-4000-8000-000000000000' }),
    'GET /stats': () => ({ query: 'from=2026-01-01&to=2026-12-31' }),
  };
  const rows: BenchRow[] = [];
  for (const endpoint of apiEndpoints) {
    const name = `${endpoint.method} ${endpoint.path}`;
    const make = requests[name];
    if (!make) throw new Error(`api bench: no request for ${name}`);
    const latencies: number[] = [];
    let calls = 0;
    for (let i = 0; i < options.samples; i += 1) {
      const input = make();
      const path = endpoint.path.replace('{id}', input.id ?? '');
      const request = new Request(`http://bench/api/v1${path}${input.query ? `?${input.query}` : ''}`, {
        method: endpoint.method,
        headers: { authorization: `Bearer ${s.key}`, 'content-type': 'application/json' },
        ...(input.body ? { body: JSON.stringify(input.body) } : {}),
      });
      const before = Object.values(db.countedCalls().calls).reduce((a, b) => a + b, 0);
      let status = 0;
      latencies.push(
        await timeMs(async () => {
          status = (
            await handleApiRequest(
              db,
              apiEndpoint(endpoint.method, endpoint.path),
              request,
              input.id ? { id: input.id } : {},
            )
          ).status;
        }),
      );
      if (status >= 500) throw new Error(`api bench: ${name} answered ${status}`);
      calls += Object.values(db.countedCalls().calls).reduce((a, b) => a + b, 0) - before;
    }
    const perRequest = round(calls / options.samples, 2);
    const limit = budget[name] ?? 1;
    rows.push({
      suite: 'api',
      metric: `${name} round trips`,
      value: perRequest,
      unit: 'calls',
      baseline: limit,
      baselineName: 'budget',
      ratio: round(perRequest / limit, 2),
      note: 'round trips per request against the budget (ratio ≤ 1 is within it); p50 ms in the next row',
    });
    rows.push({
      suite: 'api',
      metric: `${name} p50`,
      value: round(percentile(latencies, 50), 2),
      unit: 'ms',
    });
    if (perRequest > limit)
      console.error(`api bench: ${name} takes ${perRequest} round trips, budget ${limit}`);
  }
  await pool.end();
  return rows;
}

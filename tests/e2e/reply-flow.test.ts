import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectChannel } from '@/src/channels/connect-channel';
import { getEnv } from '@/src/env';
import { demoAiContext } from '@/src/tenants/demo-tenant';
import { freePort } from '../support/free-port';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { type FakeServer, startFakeAnthropic, startFakeGraph } from './reply-flow-fakes';

// The whole reply path on the built app: a signed WhatsApp webhook → ingest → ai_response
// (fake Claude) → send_whatsapp (fake Graph) → the lead's score. `next build` runs first unless
// E2E_REUSE_BUILD=1 says to reuse an existing .next build (CI builds just before).

const root = path.resolve(import.meta.dirname, '../..');
const nextBin = path.join(root, 'node_modules/next/dist/bin/next');
const slug = 'e2e-dental';
const phoneNumberId = '109876543210987';
const appSecret = 'e2e-meta-app-secret';
const accessToken = 'EAAG-e2e-live-token';
const apiKey = 'sk-ant-e2e-key';
const customer = { waId: '5215598765432', name: 'Mariana' };
const claudeReply = {
  reply: 'La limpieza dental profesional cuesta MXN 800 y dura 45 minutos. ¿Te agendo para mañana?',
  intent: 'pricing',
  signals: ['interested', 'budget_mentioned'],
  escalate: false,
  escalation_reason: '',
};

let test: TestDatabase;
let anthropic: FakeServer;
let graph: FakeServer;
let app: ChildProcess | undefined;
let baseUrl: string;
const appOutput: string[] = [];

async function waitFor<T>(what: string, check: () => Promise<T | undefined>, limitMs = 60_000): Promise<T> {
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`gave up waiting for ${what}\n--- app output ---\n${appOutput.join('').slice(-4000)}`);
}

async function withLimit<T>(promise: Promise<T>, what: string, limitMs = 60_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`gave up waiting for ${what}\n${appOutput.join('').slice(-4000)}`)),
      limitMs,
    );
  });
  try {
    return await Promise.race([promise, limit]);
  } finally {
    clearTimeout(timer);
  }
}

function buildApp(): void {
  if (process.env.E2E_REUSE_BUILD === '1' && existsSync(path.join(root, '.next/BUILD_ID'))) return;
  const build = spawnSync(process.execPath, [nextBin, 'build'], {
    cwd: root,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`next build failed:\n${build.stdout}\n${build.stderr}`);
}

async function startApp(): Promise<void> {
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  app = spawn(process.execPath, [nextBin, 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      APP_MODE: 'production',
      DATABASE_URL: test.url,
      ENCRYPTION_KEY: getEnv().ENCRYPTION_KEY!,
      CRON_SECRET: randomBytes(24).toString('hex'),
      ANTHROPIC_API_KEY: apiKey,
      ANTHROPIC_BASE_URL: anthropic.url,
      ANTHROPIC_MODEL: 'claude-haiku-5-5',
      GRAPH_API_BASE_URL: graph.url,
      GRAPH_API_VERSION: 'v26.0',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  app.stdout?.on('data', (chunk) => appOutput.push(String(chunk)));
  app.stderr?.on('data', (chunk) => appOutput.push(String(chunk)));
  await waitFor('the app to answer /api/health', async () =>
    (await fetch(`${baseUrl}/api/health`)).ok ? true : undefined,
  );
}

async function seedTenant(): Promise<void> {
  await test.db.rpc('admin_create_tenant', {
    p_slug: slug,
    p_name: 'Clínica Dental Esva',
    p_timezone: 'America/Mexico_City',
  });
  await test.db.rpc('admin_update_ai_context', { p_tenant_slug: slug, p_patch: demoAiContext });
  await connectChannel(test.db, getEnv().ENCRYPTION_KEY!, {
    tenantSlug: slug,
    channel: 'whatsapp',
    mode: 'live',
    phoneNumberId,
    businessAccountId: '209876543210987',
    displayPhoneNumber: '5215512345678',
    accessToken,
    appSecret,
    verifyToken: 'e2e-verify-token',
  });
}

function whatsappDelivery(text: string): string {
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '209876543210987',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '5215512345678', phone_number_id: phoneNumberId },
              contacts: [{ profile: { name: customer.name }, wa_id: customer.waId }],
              messages: [
                {
                  from: customer.waId,
                  id: `wamid.inbound${randomBytes(6).toString('hex')}`,
                  timestamp: String(Math.floor(Date.now() / 1000)),
                  type: 'text',
                  text: { body: text },
                },
              ],
            },
          },
        ],
      },
    ],
  });
}

beforeAll(async () => {
  test = await createTestDatabase({ installAsAppDb: false });
  anthropic = await startFakeAnthropic(apiKey, claudeReply);
  graph = await startFakeGraph(accessToken, phoneNumberId);
  await seedTenant();
  buildApp();
  await startApp();
});

afterAll(async () => {
  app?.kill('SIGTERM');
  await anthropic?.close();
  await graph?.close();
  await test?.drop();
});

describe('reply flow on the built app', () => {
  it('answers a signed WhatsApp message through Claude and the Graph API, and scores the lead', async () => {
    const body = whatsappDelivery('Hola, ¿cuánto cuesta una limpieza? Tengo un presupuesto de 1000 pesos');
    const signature = `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`;
    const graphPost = graph.next((request) => request.method === 'POST');

    const response = await fetch(`${baseUrl}/api/webhook/whatsapp/${slug}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature },
      body,
    });
    expect(response.status).toBe(200);

    const sent = await withLimit(graphPost, 'the reply to reach the fake Graph API');
    expect(sent.url).toBe(`/v26.0/${phoneNumberId}/messages`);
    expect(sent.headers.authorization).toBe(`Bearer ${accessToken}`);
    expect(sent.body).toMatchObject({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: customer.waId,
      type: 'text',
      text: { preview_url: false, body: claudeReply.reply },
    });

    expect(anthropic.requests).toHaveLength(1);
    const claude = anthropic.requests[0]!;
    expect(claude.headers['anthropic-version']).toBe('2026-10-21');
    expect(claude.body).toMatchObject({
      model: 'claude-haiku-5-5',
      messages: [
        { role: 'user', content: 'Hola, ¿cuánto cuesta una limpieza? Tengo un presupuesto de 1000 pesos' },
      ],
      output_config: { format: { type: 'json_schema' } },
    });

    const lead = await waitFor('the reply to be recorded as sent', async () => {
      const { rows } = await test.pool.query(
        `select l.score, l.classification, l.name, m.delivery_status, m.platform_message_id, m.generated_by
         from public.leads l join public.messages m on m.lead_id = l.id and m.direction = 'outbound'
         where l.tenant_id = (select id from public.tenants where slug = $1)`,
        [slug],
      );
      return rows[0]?.delivery_status === 'sent' ? rows[0] : undefined;
    });
    expect(lead).toEqual({
      score: 80,
      classification: 'hot',
      name: customer.name,
      delivery_status: 'sent',
      platform_message_id: 'wamid.E2E1',
      generated_by: 'claude',
    });
    const events = await test.pool.query('select delta, signals from public.lead_score_events');
    expect(events.rows).toEqual([{ delta: 30, signals: ['budget_mentioned', 'interested'] }]);
    // One send; the token check the new live connection enqueued may also have asked GET /me.
    expect(graph.requests.filter((request) => request.url.endsWith('/messages'))).toHaveLength(1);
  });
});

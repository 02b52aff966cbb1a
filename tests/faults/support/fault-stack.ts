import { randomBytes } from 'node:crypto';
import { connectChannel } from '@/src/channels/connect-channel';
import { createPgPool, createPgPort } from '@/src/db/pg-rpc';
import { type BuiltApp, startBuiltApp } from './built-app';
import { type Fault, startFakeAnthropic } from './fake-anthropic';
import { startFakeGraph } from './fake-graph';
import type { Answer, Exchange, FakeUpstream } from './fake-upstream';
import { type OwnPostgres, startOwnPostgres } from './own-postgres';

// Everything a fault test runs against: its own PostgreSQL, a tenant with a LIVE WhatsApp
// connection, fake Anthropic and Graph servers on loopback, and the built app in production
// mode pointed at all three. Short job timeouts keep leases (timeout + 32 s) short.

export const tenantSlug = 'faults-clinic';
export const phoneNumberId = '106000000000001';
export const appSecret = 'faults-meta-app-secret-0123456789';
const accessToken = 'EAAG-faults-live-token-0123456789';
const apiKey = 'sk-ant-faults-0123456789';

export type FaultStack = {
  db: OwnPostgres;
  anthropic: FakeUpstream;
  graph: FakeUpstream;
  app: BuiltApp;
  cronSecret: string;
  appEnv: Record<string, string>;
  /** Starts the app again (same port, same environment) after it was killed. */
  restartApp: () => Promise<BuiltApp>;
  close: () => Promise<void>;
};

export type StackOptions = {
  aiFault?: Fault;
  graphFault?: (exchange: Exchange) => Answer | undefined;
  /** How long the fakes take to answer when they answer normally. */
  aiDelayMs?: number;
  graphDelayMs?: number;
  env?: Record<string, string>;
};

async function seedTenant(db: OwnPostgres, encryptionKey: string): Promise<void> {
  const port = createPgPort(createPgPool(db.url, 2));
  try {
    await port.rpc('admin_create_tenant', { p_slug: tenantSlug, p_name: 'Clínica Fallas' });
    await port.rpc('admin_update_ai_context', {
      p_tenant_slug: tenantSlug,
      p_patch: {
        escalation_keywords: [],
        auto_escalate_after_messages: null,
        fallback_message: 'Te escribimos pronto.',
      },
    });
    await connectChannel(port, encryptionKey, {
      tenantSlug,
      channel: 'whatsapp',
      mode: 'live',
      phoneNumberId,
      businessAccountId: '206000000000001',
      displayPhoneNumber: '5215500000000',
      accessToken,
      appSecret,
      verifyToken: 'faults-verify-token',
    });
    // These faults are about replies: the new token's check (tests/token-health/) would take
    // Graph answers meant for sends, so it is marked done.
    await db.pool.query("delete from public.jobs where job_type = 'token_health'");
    await db.pool.query('update public.channel_connections set token_checked_at = now()');
  } finally {
    await port.close();
  }
}

export async function startFaultStack(options: StackOptions = {}): Promise<FaultStack> {
  const db = await startOwnPostgres();
  const encryptionKey = randomBytes(32).toString('base64');
  await seedTenant(db, encryptionKey);
  const anthropic = await startFakeAnthropic(apiKey, { fault: options.aiFault, delayMs: options.aiDelayMs });
  const graph = await startFakeGraph(accessToken, phoneNumberId, {
    fault: options.graphFault,
    delayMs: options.graphDelayMs,
  });
  const cronSecret = randomBytes(24).toString('hex');
  const appEnv = {
    APP_MODE: 'production',
    DATABASE_URL: db.url,
    DATABASE_POOL_MAX: '6',
    ENCRYPTION_KEY: encryptionKey,
    CRON_SECRET: cronSecret,
    ANTHROPIC_API_KEY: apiKey,
    ANTHROPIC_BASE_URL: anthropic.url,
    GRAPH_API_BASE_URL: graph.url,
    GRAPH_API_VERSION: 'v26.0',
    JOB_TIMEOUT_SECONDS: '5',
    AI_REQUEST_TIMEOUT_MS: '1500',
    AI_MAX_RETRIES: '0',
    SEND_REQUEST_TIMEOUT_MS: '1500',
    SEND_UNCONFIRMED_GRACE_SECONDS: '0',
    LOG_LEVEL: 'info',
    ...options.env,
  };
  let app = await startBuiltApp(appEnv);
  const stack: FaultStack = {
    db,
    anthropic,
    graph,
    app,
    cronSecret,
    appEnv,
    restartApp: async () => {
      app = await startBuiltApp(appEnv, app.port);
      stack.app = app;
      return app;
    },
    close: async () => {
      await stack.app.kill('SIGKILL');
      await anthropic.close();
      await graph.close();
      await db.stop();
    },
  };
  return stack;
}

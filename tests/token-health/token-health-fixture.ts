import { randomUUID } from 'node:crypto';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { Channel } from '@/src/channels/channel-registry';
import { connectChannel } from '@/src/channels/connect-channel';
import { getEnv, setEnvForProcess } from '@/src/env';
import { checkConnectionHealth } from '@/src/jobs/check-connection-health';
import { sealToken } from '@/src/jobs/token-health-secrets';
import type { CapturedRequest } from '../outbound/platform-fake';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// A live connection as onboarding leaves it, plus what the token check needs: the fake
// platforms' base URLs, the platform apps' credentials and a fixed "now".

export const graph = 'https://graph.test';
export const instagramHost = 'https://ig.test';
export const tiktokHost = 'https://tiktok.test';
export const metaAppId = '1400000000000001';
export const metaAppSecret = 'meta-app-secret-for-tests';
export const now = new Date('2026-12-07T12:00:00.000Z');
export const days = (n: number) => new Date(now.getTime() + n * 86_400_000);

export function useFakePlatforms(): void {
  setEnvForProcess({
    GRAPH_API_BASE_URL: graph,
    GRAPH_API_VERSION: 'v26.0',
    INSTAGRAM_API_BASE_URL: instagramHost,
    TIKTOK_API_BASE_URL: tiktokHost,
    META_APP_ID: metaAppId,
    META_APP_SECRET: metaAppSecret,
    TIKTOK_CLIENT_KEY: 'tt-client-id',
    TIKTOK_CLIENT_SECRET: 'tt-client-secret-for-tests',
    SEND_REQUEST_TIMEOUT_MS: '2000',
  });
}

/** One database per file and the fake platforms (msw): what every token-health test file needs. */
export function fakePlatformSuite() {
  const seen: CapturedRequest[] = [];
  const server = setupServer();
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    useFakePlatforms();
    server.listen({ onUnhandledRequest: 'error' });
    database = await createTestDatabase();
  });
  afterEach(() => {
    server.resetHandlers();
    seen.length = 0;
  });
  afterAll(async () => {
    server.close();
    await database?.drop();
  });
  return { seen, server, database: () => database! };
}

export type LiveConnection = { id: string; tenantId: string; slug: string; channel: Channel; token: string };

const ids = (channel: Channel, n: string): Record<string, string> => {
  if (channel === 'whatsapp') return { phoneNumberId: `10${n}`, businessAccountId: `20${n}` };
  if (channel === 'facebook') return { pageId: `30${n}` };
  if (channel === 'instagram') return { instagramAccountId: `178${n}` };
  return { businessId: `tt-business-${n}` };
};

export async function createLiveConnection(
  test: TestDatabase,
  channel: Channel,
  columns: Record<string, unknown> = {},
  extra: { pageId?: string } = {},
): Promise<LiveConnection> {
  const n = randomUUID().replaceAll('-', '').replace(/\D/g, '').padEnd(12, '7').slice(0, 12);
  const slug = `th-${randomUUID().slice(0, 8)}`;
  const tenant = await test.db.rpc('admin_create_tenant', { p_slug: slug, p_name: `Clínica ${slug}` });
  const token = `EAAG-${channel}-token-${n}`;
  const saved = await connectChannel(test.db, getEnv().ENCRYPTION_KEY!, {
    tenantSlug: slug,
    channel,
    mode: 'live',
    ...ids(channel, n),
    ...extra,
    accessToken: token,
  });
  const names = Object.keys(columns);
  if (names.length > 0) {
    const sets = names.map((name, i) => `${name} = $${i + 2}`).join(', ');
    await test.pool.query(`update public.channel_connections set ${sets} where id = $1`, [
      saved.id,
      ...Object.values(columns),
    ]);
  }
  return { id: saved.id, tenantId: tenant.id, slug, channel, token };
}

export function sealedRefreshToken(connection: LiveConnection, refreshToken: string): string {
  return sealToken(getEnv().ENCRYPTION_KEY!, connection, 'refresh_token', refreshToken).sealed;
}

export function runCheck(test: TestDatabase, connection: LiveConnection, at: Date = now) {
  return checkConnectionHealth(
    { db: test.db, env: getEnv(), now: at, signal: new AbortController().signal },
    connection.id,
  );
}

export async function readConnection(test: TestDatabase, id: string) {
  const { rows } = await test.pool.query('select * from public.channel_connections where id = $1', [id]);
  return rows[0];
}

export async function jobsOf(test: TestDatabase, jobType: string, tenantId: string) {
  const { rows } = await test.pool.query(
    'select id, status, payload, dedupe_key, scheduled_for from public.jobs where job_type = $1 and tenant_id = $2 order by created_at',
    [jobType, tenantId],
  );
  return rows;
}

import { randomBytes } from 'node:crypto';
import { connectChannel } from '@/src/channels/connect-channel';
import { createPgPool, createPgPort } from '@/src/db/pg-rpc';
import { type BuiltApp, startBuiltApp } from './built-app';
import { type OwnPostgres, startOwnPostgres } from './own-postgres';
import { actionState, callAction, readActions } from './server-actions';

// The built app in local mode (dev sign-in) with two tenants: "dash-a" (owner and agent, one
// sandbox connection per channel, a conversation, a dead-letter job) and "dash-b" next door.

export type DashboardStack = {
  db: OwnPostgres;
  app: BuiltApp;
  encryptionKey: string;
  ids: { conversationId: string; leadId: string; jobId: string; tenantA: string; tenantB: string };
  signIn: (email: string) => Promise<string>;
  close: () => Promise<void>;
};

export const channelSecrets = {
  accessToken: 'EAAG-dash-access-token-SECRET-4821',
  appSecret: 'dash-meta-app-secret-SECRET-7310',
  clientSecret: 'dash-tiktok-client-secret-SECRET-5502',
  verifyToken: 'dash-verify-token-SECRET-1187',
};

async function seed(db: OwnPostgres, encryptionKey: string) {
  const port = createPgPort(createPgPool(db.url, 2));
  try {
    const tenantA = (await port.rpc('admin_create_tenant', { p_slug: 'dash-a', p_name: 'A' })).id;
    const tenantB = (await port.rpc('admin_create_tenant', { p_slug: 'dash-b', p_name: 'B' })).id;
    for (const [slug, role] of [
      ['dash-a', 'owner'],
      ['dash-a', 'agent'],
      ['dash-b', 'owner'],
    ] as const) {
      await port.rpc('admin_seed_staff_member', {
        p_tenant_slug: slug,
        p_email: `${role}@${slug}.example`,
        p_role: role,
      });
    }
    const accounts = {
      whatsapp: { phoneNumberId: '7700001', appSecret: channelSecrets.appSecret },
      facebook: { pageId: '7700002', appSecret: channelSecrets.appSecret },
      instagram: { instagramAccountId: '7700003', appSecret: channelSecrets.appSecret },
      tiktok: { businessId: '7700004', clientSecret: channelSecrets.clientSecret },
    };
    for (const [channel, fields] of Object.entries(accounts)) {
      await connectChannel(port, encryptionKey, {
        tenantSlug: 'dash-a',
        channel: channel as 'whatsapp',
        mode: 'sandbox',
        accessToken: channelSecrets.accessToken,
        ...(channel === 'tiktok' ? {} : { verifyToken: channelSecrets.verifyToken }),
        ...fields,
      });
    }
    const q = async (sql: string, params: unknown[]) => (await db.pool.query(sql, params)).rows[0];
    const lead = await q(
      "insert into leads (tenant_id, origin_channel, name) values ($1, 'whatsapp', 'Ana') returning id",
      [tenantA],
    );
    await q(
      "insert into lead_identities (tenant_id, lead_id, channel, external_id) values ($1, $2, 'whatsapp', '5215512340000')",
      [tenantA, lead.id],
    );
    const conversation = await q(
      "insert into conversations (tenant_id, lead_id, channel, last_inbound_at) values ($1, $2, 'whatsapp', now()) returning id",
      [tenantA, lead.id],
    );
    await q(
      "insert into messages (tenant_id, conversation_id, lead_id, channel, direction, sender, text) values ($1, $2, $3, 'whatsapp', 'inbound', 'lead', 'Hola')",
      [tenantA, conversation.id, lead.id],
    );
    const job = await q(
      "insert into jobs (tenant_id, job_type, payload, status, attempts, max_attempts, error_message) values ($1, 'fetch_profile', $2, 'failed', 5, 5, 'RetryableJobError: profile lookup: network') returning id",
      [tenantA, JSON.stringify({ lead_id: lead.id })],
    );
    return { conversationId: conversation.id, leadId: lead.id, jobId: job.id, tenantA, tenantB };
  } finally {
    await port.close();
  }
}

export async function startDashboardStack(env: Record<string, string> = {}): Promise<DashboardStack> {
  const db = await startOwnPostgres();
  const encryptionKey = randomBytes(32).toString('base64');
  const ids = await seed(db, encryptionKey);
  const app = await startBuiltApp({
    APP_MODE: 'local',
    DATABASE_URL: db.url,
    ENCRYPTION_KEY: encryptionKey,
    LOG_LEVEL: 'info',
    ...env,
  });
  const devSignIn = readActions().get('app/login/actions.ts#devSignInAction')!;
  const signIn = async (email: string) => {
    const answer = await callAction(app.baseUrl, devSignIn, { email });
    const cookie = answer.headers.getSetCookie().find((value) => value.startsWith('inbox_dev_session='));
    if (!cookie) throw new Error(`dev sign-in failed (${answer.status}): ${answer.text.slice(0, 500)}`);
    return cookie.split(';')[0]!;
  };
  return {
    db,
    app,
    encryptionKey,
    ids,
    signIn,
    close: async () => {
      await app.kill('SIGKILL');
      await db.stop();
    },
  };
}

export { actionState };

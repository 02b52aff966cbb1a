import { randomUUID } from 'node:crypto';
import type { Channel } from '@/src/channels/channel-registry';
import { connectChannel } from '@/src/channels/connect-channel';
import { getEnv } from '@/src/env';
import type { JobHandler } from '@/src/jobs/job-types';
import { processJobs } from '@/src/jobs/process-jobs';
import type { TestDatabase } from '../support/test-database';

// A tenant with one connected channel and a customer who wrote: the state the webhook ingest
// leaves behind. Tenants and connections go through the operator functions; the customer's
// rows are written directly (their ingest is another issue's code and is exercised end to end).

export type ConversationFixture = {
  tenantId: string;
  slug: string;
  channel: Channel;
  leadId: string;
  conversationId: string;
  inboundMessageId: string;
  externalId: string;
  threadId: string | null;
  account: Record<string, string>;
};

export type FixtureOptions = {
  channel: Channel;
  mode?: 'live' | 'sandbox';
  slug?: string;
  accessToken?: string;
  /** How long ago the customer's message arrived. */
  hoursAgo?: number;
  text?: string;
  leadScore?: number;
  pageLinkedInstagram?: boolean;
};

function unique(): string {
  return randomUUID().replaceAll('-', '').slice(0, 12);
}

function accountFor(channel: Channel, pageLinked: boolean): Record<string, string> {
  const n = `${Date.now()}${Math.floor(Math.random() * 1e6)}`;
  if (channel === 'whatsapp') return { phoneNumberId: `10${n}`, businessAccountId: `20${n}` };
  if (channel === 'facebook') return { pageId: `30${n}` };
  if (channel === 'instagram')
    return pageLinked
      ? { instagramAccountId: `178${n}`, pageId: `31${n}` }
      : { instagramAccountId: `178${n}` };
  if (channel === 'twilio') {
    const digits = n.replace(/\D/g, '').slice(-12).padStart(12, '0');
    return { accountSid: `AC${digits.padEnd(32, 'a')}`, from: `whatsapp:+1${digits}` };
  }
  if (channel === 'email') return { emailAddress: `hola-${n}@negocio.example` };
  return { businessId: `tt-business-${n}` };
}

export async function createConversation(
  test: TestDatabase,
  options: FixtureOptions,
): Promise<ConversationFixture> {
  const slug = options.slug ?? `t-${unique()}`;
  const existing = await test.pool.query('select id from public.tenants where slug = $1', [slug]);
  const tenantId: string =
    existing.rows[0]?.id ??
    (await test.db.rpc('admin_create_tenant', { p_slug: slug, p_name: `Tenant ${slug}` })).id;
  const account = accountFor(options.channel, options.pageLinkedInstagram ?? false);
  await connectChannel(test.db, getEnv().ENCRYPTION_KEY!, {
    tenantSlug: slug,
    channel: options.channel,
    mode: options.mode ?? 'live',
    ...account,
    // Twilio's token is the account's Auth Token (sealed with the Account SID as its credentials).
    ...(options.channel === 'twilio'
      ? { authToken: options.accessToken ?? `live-token-twilio-${unique()}` }
      : { accessToken: options.accessToken ?? `live-token-${options.channel}-${unique()}` }),
  });
  const externalId =
    options.channel === 'whatsapp'
      ? `52155${Math.floor(1e7 + Math.random() * 9e7)}`
      : options.channel === 'email'
        ? `cliente-${unique()}@correo.example`
        : `${options.channel}-user-${unique()}`;
  const inboundId = `in-${unique()}`;
  const threadId =
    options.channel === 'tiktok'
      ? `tt-conv-${unique()}`
      : options.channel === 'email'
        ? JSON.stringify({ root: inboundId, last: inboundId, subject: 'Consulta' })
        : null;
  const at = new Date(Date.now() - (options.hoursAgo ?? 0) * 3_600_000);
  const { rows } = await test.pool.query(
    `with lead as (
       insert into public.leads (tenant_id, origin_channel, score, classification, last_message_at)
       values ($1, $2, $6, case when $6 >= 70 then 'hot' when $6 >= 40 then 'warm' else 'cold' end, $4) returning id
     ), identity as (
       insert into public.lead_identities (tenant_id, lead_id, channel, external_id)
       select $1, id, $2, $3 from lead returning lead_id
     ), conv as (
       insert into public.conversations (tenant_id, lead_id, channel, external_thread_id, last_inbound_at, last_message_at)
       select $1, lead_id, $2, $7, $4, $4 from identity returning id, lead_id
     )
     insert into public.messages (tenant_id, conversation_id, lead_id, channel, direction, sender, text,
       platform_message_id, platform_timestamp, created_at)
     select $1, conv.id, conv.lead_id, $2, 'inbound', 'lead', $5, $8, $4, $4 from conv
     returning id, conversation_id, lead_id`,
    [
      tenantId,
      options.channel,
      externalId,
      at,
      options.text ?? 'Hola, ¿cuánto cuesta una limpieza?',
      options.leadScore ?? 50,
      threadId,
      inboundId,
    ],
  );
  return {
    tenantId,
    slug,
    channel: options.channel,
    leadId: rows[0].lead_id,
    conversationId: rows[0].conversation_id,
    inboundMessageId: rows[0].id,
    externalId,
    threadId,
    account,
  };
}

/** Another customer message in the same conversation, as the ingest would store it. */
export async function addInboundMessage(
  test: TestDatabase,
  fixture: ConversationFixture,
  text: string,
): Promise<string> {
  const { rows } = await test.pool.query(
    `with msg as (
       insert into public.messages (tenant_id, conversation_id, lead_id, channel, direction, sender, text,
         platform_message_id, platform_timestamp)
       values ($1, $2, $3, $4, 'inbound', 'lead', $5, $6, now()) returning id
     ), conv as (
       update public.conversations set last_inbound_at = now(), last_message_at = now() where id = $2
     )
     select id from msg`,
    [fixture.tenantId, fixture.conversationId, fixture.leadId, fixture.channel, text, `in-${unique()}`],
  );
  return rows[0].id;
}

/** An outbound message written the way ai_record_reply writes one, plus its send job. */
export async function queueOutbound(
  test: TestDatabase,
  fixture: ConversationFixture,
  fields: { sender?: 'ai' | 'system' | 'human'; text?: string } = {},
): Promise<string> {
  const { rows } = await test.pool.query(
    `insert into public.messages (tenant_id, conversation_id, lead_id, channel, direction, sender, text,
       generated_by, delivery_status)
     values ($1, $2, $3, $4, 'outbound', $5, $6, case when $5 = 'ai' then 'claude' end, 'queued') returning id`,
    [
      fixture.tenantId,
      fixture.conversationId,
      fixture.leadId,
      fixture.channel,
      fields.sender ?? 'ai',
      fields.text ?? 'Claro, la limpieza cuesta MXN 800.',
    ],
  );
  await enqueueSend(test, fixture, rows[0].id);
  return rows[0].id;
}

export async function enqueueSend(test: TestDatabase, fixture: ConversationFixture, messageId: string) {
  return test.db.rpc('enqueue_job', {
    p_job_type: `send_${fixture.channel}`,
    p_payload: { message_id: messageId },
    p_tenant_id: fixture.tenantId,
    p_priority: 10,
    p_dedupe_key: `send:${messageId}`,
  });
}

/** Runs only the jobs these handlers know (e.g. sends, not the escalations their failures ask for). */
export async function runJobs(test: TestDatabase, handlers: readonly JobHandler[], maxJobs = 10) {
  return processJobs({
    db: test.db,
    env: getEnv(),
    handlers,
    maxJobs,
    budgetMs: 20_000,
    concurrency: 1,
    jobTypes: handlers.map((handler) => handler.type),
  });
}

/** Retries wait for their backoff; tests make them due instead of waiting. */
export async function makeAllDue(test: TestDatabase): Promise<void> {
  await test.pool.query("update public.jobs set scheduled_for = now() where status = 'pending'");
}

export async function readMessage(test: TestDatabase, id: string) {
  const { rows } = await test.pool.query('select * from public.messages where id = $1', [id]);
  return rows[0];
}

export async function readJobsOf(test: TestDatabase, jobType: string) {
  const { rows } = await test.pool.query(
    'select id, status, attempts, error_message, result, payload from public.jobs where job_type = $1 order by created_at',
    [jobType],
  );
  return rows;
}

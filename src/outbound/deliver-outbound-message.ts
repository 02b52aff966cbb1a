import { type Channel, channelAdapter } from '@/src/channels/channel-registry';
import { decideReplyWindow } from '@/src/channels/reply-window';
import type { SendFailure, SendInput } from '@/src/channels/send-types';
import type { DbPort } from '@/src/db/rpc-port';
import type { AppEnv } from '@/src/env';
import { log } from '@/src/shared/logger';
import { openAccessToken } from './connection-access-token';
import {
  beginSend,
  deliverToSandbox,
  recordSendFailure,
  recordSent,
  type SendContext,
} from './outbound-store';
import { PlatformNetworkError, postPlatformRequest } from './post-platform-request';
import { prepareOutboundMedia } from './prepare-outbound-media';
import { failureWithoutToken, withoutToken } from './without-token';

// Sends one outbound message: the row exists (queued) before the call and is marked 'sending';
// the platform id is recorded after. A call that may have reached the platform is never
// repeated: its row stays 'sending' until an echo/status confirms it or the grace period ends.

export type DeliveryResult =
  | { status: 'sent'; platformMessageId: string; sandbox: boolean }
  | { status: 'skipped'; reason: string }
  | { status: 'failed'; code: string; staffMessage: string }
  | { status: 'retry'; code: string; staffMessage: string; retryAfterMs?: number };

export type DeliverOptions = {
  db: DbPort;
  env: AppEnv;
  channel: Channel;
  messageId: string;
  /** The job's tenant: a message of another tenant is never sent. */
  tenantId: string;
  isLastAttempt: boolean;
  signal?: AbortSignal;
};

type Fields = { tenantId: string; channel: Channel; messageId: string };

/** A temporary error that was the last attempt must not tell staff it is "retrying". */
function finalStaffMessage(staffMessage: string): string {
  return staffMessage.replace(
    /;? retrying( later)?\./,
    '; gave up after the last attempt: resend it from the queue page if still needed.',
  );
}

async function fail(o: DeliverOptions, fields: Fields, failure: SendFailure): Promise<DeliveryResult> {
  const final = failure.kind !== 'retryable' || o.isLastAttempt;
  const staffMessage =
    failure.kind === 'retryable' && final ? finalStaffMessage(failure.staffMessage) : failure.staffMessage;
  await recordSendFailure(o.db, o.messageId, {
    code: failure.code,
    staffMessage,
    final,
    connectionStatus: failure.kind === 'reauth' ? 'needs_reauth' : undefined,
  });
  log.warn('outbound.send_failed', { ...fields, code: failure.code, kind: failure.kind, final });
  if (final) return { status: 'failed', code: failure.code, staffMessage };
  return {
    status: 'retry',
    code: failure.code,
    staffMessage: failure.staffMessage,
    retryAfterMs: failure.retryAfterMs,
  };
}

function unconfirmedMessage(channel: Channel): string {
  return `A send was cut off and ${channel} never confirmed it: check the conversation on ${channel} before sending it again.`;
}

async function waitForConfirmation(o: DeliverOptions, fields: Fields, secondsSinceSend: number) {
  const graceSeconds = o.env.SEND_UNCONFIRMED_GRACE_SECONDS;
  if (secondsSinceSend < graceSeconds && !o.isLastAttempt) {
    const retryAfterMs = Math.max(1000, Math.ceil((graceSeconds - secondsSinceSend) * 1000));
    return {
      status: 'retry',
      code: 'send_unconfirmed',
      staffMessage: unconfirmedMessage(o.channel),
      retryAfterMs,
    } as const;
  }
  return fail(o, fields, {
    kind: 'permanent',
    code: 'send_unconfirmed',
    staffMessage: unconfirmedMessage(o.channel),
  });
}

function findBlocker(o: DeliverOptions, context: SendContext): SendFailure | undefined {
  const permanent = (code: string, staffMessage: string): SendFailure => ({
    kind: 'permanent',
    code,
    staffMessage,
  });
  const { message, connection } = context;
  // A plain reply needs words; structured content (template, choices, media) may have none.
  if (!message.content && (message.message_type !== 'text' || !message.text?.trim())) {
    return permanent('unsupported_message', 'Only text replies can be sent.');
  }
  if (!connection)
    return permanent('no_connection', `No ${o.channel} connection: connect the channel, then resend.`);
  if (connection.status !== 'connected') {
    return permanent(
      `connection_${connection.status}`,
      `The ${o.channel} connection is ${connection.status}: reconnect it, then resend.`,
    );
  }
  return undefined;
}

// About 15 s in all: long enough to ride out a database restart or failover. Giving up leaves
// the row 'sending', and a message the customer did get is then reported as unconfirmed.
const recordSentDelaysMs = [100, 200, 400, 800, 1600, 3000, 3000, 3000, 3000];

async function recordSentWithRetries(o: DeliverOptions, platformMessageId: string) {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await recordSent(o.db, o.messageId, platformMessageId);
    } catch (error) {
      // The platform has the message: keep its id in the logs so it can be matched by hand.
      log.error('outbound.record_sent_failed', { messageId: o.messageId, platformMessageId, attempt, error });
      const delay = recordSentDelaysMs[attempt - 1];
      if (delay === undefined) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

export async function deliverOutboundMessage(o: DeliverOptions): Promise<DeliveryResult> {
  const begun = await beginSend(o.db, { id: o.messageId, tenantId: o.tenantId, channel: o.channel });
  const fields: Fields = { tenantId: o.tenantId, channel: o.channel, messageId: o.messageId };
  if (begun.action === 'missing') return { status: 'skipped', reason: 'message_missing' };
  if (begun.action === 'not_sendable') {
    const staffMessage = `Not an outbound ${o.channel} message (${begun.direction} on ${begun.channel}).`;
    return { status: 'failed', code: 'not_sendable', staffMessage };
  }
  if (begun.action === 'already_sent') return { status: 'skipped', reason: 'already_sent' };
  if (begun.action === 'already_failed') return { status: 'skipped', reason: 'already_failed' };
  if (begun.action === 'superseded') return { status: 'skipped', reason: 'superseded' };
  if (begun.action === 'unconfirmed') {
    return waitForConfirmation(o, fields, begun.seconds_since_send);
  }
  const blocker = findBlocker(o, begun);
  if (blocker) return fail(o, fields, blocker);
  const connection = begun.connection!;
  const adapter = channelAdapter(o.channel);
  const sender = adapter.sender;
  const recipientId = sender.recipientOf({
    externalId: begun.recipient?.external_id ?? null,
    threadId: begun.conversation.external_thread_id,
  });
  if (!recipientId) {
    return fail(o, fields, {
      kind: 'permanent',
      code: 'no_recipient',
      staffMessage: 'No platform id for this customer.',
    });
  }
  const window = decideReplyWindow(adapter.replyWindow, {
    sender: begun.message.sender,
    lastInboundAt: begun.conversation.last_inbound_at,
    now: begun.now,
    repliesLast24h: begun.replies_last_24h,
    settings: o.env,
    contentKind: begun.message.content?.kind ?? null,
  });
  if (!window.ok)
    return fail(o, fields, { kind: 'permanent', code: window.code, staffMessage: window.staffMessage });
  const input: SendInput = {
    messageId: o.messageId,
    text: begun.message.text?.trim() ?? '',
    content: begun.message.content,
    recipientId,
    threadId: begun.conversation.external_thread_id,
    window: window.window,
    account: connection,
    origin: {
      tenantId: begun.message.tenant_id,
      leadId: begun.message.lead_id,
      sender: begun.message.sender,
    },
  };

  // A file first gets where the platform finds it (an upload or a signed link): the one step
  // before the single send request, only for media content.
  const content = begun.message.content;
  const prepareMedia = async (accessToken: string | null) => {
    if (content?.kind !== 'media') return undefined;
    const prepared = await prepareOutboundMedia({
      db: o.db,
      env: o.env,
      channel: o.channel,
      tenantId: begun.message.tenant_id,
      sender,
      content,
      account: connection,
      accessToken,
      signal: o.signal,
    });
    if (prepared.ok) input.media = prepared.media;
    return prepared.ok ? undefined : prepared.failure;
  };

  if (connection.mode === 'sandbox') {
    const mediaFailure = await prepareMedia(null);
    if (mediaFailure) return fail(o, fields, mediaFailure);
    const { method, url, body } = sender.buildRequest(input, 'sandbox', o.env);
    const recorded = await deliverToSandbox(o.db, o.messageId, recipientId, { method, url, body });
    log.info('outbound.sent', { ...fields, sandbox: true });
    return { status: 'sent', platformMessageId: recorded.platform_message_id, sandbox: true };
  }

  const token = openAccessToken(o.env, begun.message.tenant_id, o.channel, connection.access_token_encrypted);
  if (!token) {
    return fail(o, fields, {
      kind: 'permanent',
      code: 'no_access_token',
      staffMessage: `The ${o.channel} connection has no usable access token: reconnect it, then resend.`,
    });
  }
  const mediaFailure = await prepareMedia(token);
  if (mediaFailure) return fail(o, fields, failureWithoutToken(mediaFailure, token));
  let http: Awaited<ReturnType<typeof postPlatformRequest>>;
  try {
    http = await postPlatformRequest(sender.buildRequest(input, token, o.env), {
      timeoutMs: o.env.SEND_REQUEST_TIMEOUT_MS,
      signal: o.signal,
    });
  } catch (error) {
    if (error instanceof PlatformNetworkError && error.reachedPlatform === 'no') {
      return fail(o, fields, {
        kind: 'retryable',
        code: 'network',
        staffMessage: `Could not reach ${o.channel}; retrying.`,
      });
    }
    log.warn('outbound.send_unconfirmed', { ...fields, error: (error as Error).message });
    return waitForConfirmation(o, fields, 0);
  }
  const response = sender.readResponse(http.status, http.body, http.retryAfterMs);
  if (response.ok === 'unknown') {
    log.warn('outbound.send_unconfirmed', { ...fields, error: withoutToken(response.detail, token) });
    return waitForConfirmation(o, fields, 0);
  }
  if (!response.ok) return fail(o, fields, failureWithoutToken(response.failure, token));
  const recorded = await recordSentWithRetries(o, response.platformMessageId);
  if (recorded.id_conflict) log.warn('outbound.platform_id_conflict', fields);
  log.info('outbound.sent', { ...fields, sandbox: false, platformMessageId: response.platformMessageId });
  return { status: 'sent', platformMessageId: response.platformMessageId, sandbox: false };
}

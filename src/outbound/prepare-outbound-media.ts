import type { Channel } from '@/src/channels/channel-registry';
import type { MediaContent } from '@/src/channels/outbound-content';
import type { ChannelSender, PreparedMedia, SendAccount, SendFailure } from '@/src/channels/send-types';
import type { DbPort } from '@/src/db/rpc-port';
import type { AppEnv } from '@/src/env';
import { mediaStorageFor } from '@/src/media/media-storage';
import { signedMediaUrl, signMediaToken } from '@/src/media/signed-media-link';
import { log } from '@/src/shared/logger';
import { postPlatformUpload } from './post-platform-upload';

// The step before a file's send: where the platform will find the file. WhatsApp: our bytes are
// uploaded once and the id kept on media_files, so a retried or resent message reuses it (the
// upload is a side effect outside the send's exactly-once bookkeeping; repeating it could only
// leave an unused copy at Meta, never a second message). Messenger/Instagram: a short-lived
// signed link to our copy. A channel without media delivery (TikTok) refuses the file.

export type MediaPreparation = { ok: true; media: PreparedMedia } | { ok: false; failure: SendFailure };

export type PrepareMediaOptions = {
  db: DbPort;
  env: AppEnv;
  channel: Channel;
  tenantId: string;
  sender: ChannelSender;
  content: MediaContent;
  account: SendAccount;
  /** null in sandbox mode: nothing reaches a platform, the outbox records the send as built. */
  accessToken: string | null;
  signal?: AbortSignal;
};

// An id this close to Meta's 30 days is uploaded again rather than trusted.
const reuseMarginMs = 24 * 3_600_000;

function permanent(code: string, staffMessage: string): MediaPreparation {
  return { ok: false, failure: { kind: 'permanent', code, staffMessage } };
}

function signedLink(o: PrepareMediaOptions): MediaPreparation {
  const base = o.env.APP_BASE_URL ?? (o.accessToken === null ? `http://localhost:${o.env.PORT}` : undefined);
  if (!base || !o.env.ENCRYPTION_KEY) {
    return permanent(
      'media_no_public_url',
      `APP_BASE_URL is not set: ${o.channel} fetches files from this app's public address. Set it, then resend.`,
    );
  }
  const token = signMediaToken({ tenantId: o.tenantId, fileId: o.content.fileId }, o.env.ENCRYPTION_KEY);
  return { ok: true, media: { link: signedMediaUrl(base, token) } };
}

export async function prepareOutboundMedia(o: PrepareMediaOptions): Promise<MediaPreparation> {
  const delivery = o.sender.media;
  if (!delivery) {
    return permanent(
      'media_not_supported',
      `Files cannot be sent on ${o.channel} from here: send the information as a text message.`,
    );
  }
  const file = await o.db.rpc('outbound_media_file', {
    p_tenant_id: o.tenantId,
    p_file_id: o.content.fileId,
  });
  if (file?.status !== 'stored' || !file.storage_path) {
    return permanent('media_missing', 'The file of this message is no longer stored: attach it again.');
  }
  if (delivery.by === 'link') return signedLink(o);

  const uploadedAt = file.platform_media_uploaded_at
    ? Date.parse(file.platform_media_uploaded_at)
    : Number.NaN;
  if (file.platform_media_id && Date.now() - uploadedAt < delivery.keptForMs - reuseMarginMs) {
    return { ok: true, media: { platformMediaId: file.platform_media_id } };
  }
  if (o.accessToken === null) return { ok: true, media: { platformMediaId: `sandbox-media-${file.id}` } };

  const stored = await mediaStorageFor(o.env).get(file.storage_path);
  if (!stored)
    return permanent('media_missing', 'The file of this message is no longer stored: attach it again.');
  const request = delivery.buildUpload(
    { bytes: stored.bytes, mimeType: file.mime_type ?? stored.mimeType, filename: file.filename ?? file.id },
    o.account,
    o.accessToken,
    o.env,
  );
  // A file takes longer than a message's JSON: three times the send timeout.
  const timeoutMs = o.env.SEND_REQUEST_TIMEOUT_MS * 3;
  const http = await postPlatformUpload(request, { timeoutMs, signal: o.signal });
  if (!http) {
    return {
      ok: false,
      failure: {
        kind: 'retryable',
        code: 'network',
        staffMessage: `Could not upload the file to ${o.channel}; retrying.`,
      },
    };
  }
  const read = delivery.readUpload(http.status, http.body, http.retryAfterMs);
  if (!read.ok) return read;
  await o.db.rpc('outbound_record_media_upload', {
    p_tenant_id: o.tenantId,
    p_file_id: file.id,
    p_platform_media_id: read.platformMediaId,
  });
  log.info('outbound.media_uploaded', { tenantId: o.tenantId, channel: o.channel, fileId: file.id });
  return { ok: true, media: { platformMediaId: read.platformMediaId } };
}

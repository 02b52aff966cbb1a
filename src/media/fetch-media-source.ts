import type { z } from 'zod';
import { emailAttachmentMissing } from '@/src/channels/email/email-attachments';
import type { AppEnv } from '@/src/env';
import { openAccessToken } from '@/src/outbound/connection-access-token';
import type { MediaFetchResult } from './media-fetch-result';
import type { mediaFetchContextSchema } from './media-file-store';
import { fetchMetaAttachment } from './meta-attachment-source';
import { fetchTiktokMedia } from './tiktok-media-source';
import { fetchTwilioMedia } from './twilio-media-source';
import { fetchWhatsappMedia } from './whatsapp-media-source';

// One attempt at the platform's copy of a file, by the channel the message came in on.

type Context = Extract<z.infer<typeof mediaFetchContextSchema>, { found: true }>;

export async function fetchMediaSource(
  context: Context,
  env: AppEnv,
  signal: AbortSignal,
): Promise<MediaFetchResult> {
  const { file, message, connection } = context;
  // A mail's attachments come inside the webhook, which stores them (store-email-attachments.ts);
  // one still pending waits for Postmark's retry of that delivery, then reads as missing.
  if (message.channel === 'email') {
    return { kind: 'retry', reason: emailAttachmentMissing, detail: 'email attachment not stored yet' };
  }
  if (message.channel === 'facebook' || message.channel === 'instagram') {
    if (!file.source_url) return { kind: 'unavailable', reason: 'el mensaje no traía enlace al archivo' };
    return fetchMetaAttachment({ env, url: file.source_url, kind: file.kind, signal });
  }
  if (!connection || connection.status === 'disconnected') {
    return { kind: 'unavailable', reason: 'el canal no está conectado' };
  }
  if (connection.mode === 'sandbox') {
    return { kind: 'unavailable', reason: 'conexión de prueba: no hay archivo que descargar' };
  }
  const token = openAccessToken(env, file.tenant_id, message.channel, connection.access_token_encrypted);
  if (!token) return { kind: 'unavailable', reason: 'el canal necesita volver a conectarse' };
  if (message.channel === 'twilio') {
    if (!file.source_url) return { kind: 'unavailable', reason: 'el mensaje no traía enlace al archivo' };
    return fetchTwilioMedia({ env, token, url: file.source_url, kind: file.kind, signal });
  }
  if (!file.platform_media_id) return { kind: 'unavailable', reason: 'el mensaje no traía el archivo' };
  if (message.channel === 'whatsapp') {
    return fetchWhatsappMedia({
      env,
      token,
      mediaId: file.platform_media_id,
      phoneNumberId: connection.phone_number_id,
      kind: file.kind,
      signal,
    });
  }
  if (!connection.tiktok_business_id || !message.external_thread_id || !message.platform_message_id) {
    return { kind: 'unavailable', reason: 'faltan datos de la conversación de TikTok' };
  }
  return fetchTiktokMedia({
    env,
    token,
    businessId: connection.tiktok_business_id,
    conversationId: message.external_thread_id,
    messageId: message.platform_message_id,
    mediaId: file.platform_media_id,
    kind: file.kind,
    signal,
  });
}

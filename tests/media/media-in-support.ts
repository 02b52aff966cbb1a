import { createHash, randomUUID } from 'node:crypto';
import { devSessionCookieName, sealDevSession } from '@/src/auth/dev-session-cookie';
import { connectChannel } from '@/src/channels/connect-channel';
import type { AppEnv } from '@/src/env';
import { createMemoryCookies } from '../dashboard/memory-cookies';
import { createTenantWithStaff } from '../support/staff';
import type { TestDatabase } from '../support/test-database';
import { postRaw, signedHeaders } from '../webhooks/support/post-webhook';
import { secrets } from '../webhooks/support/webhook-tenant';

// A business with live WhatsApp and Messenger connections (tokens sealed for real), a member
// signed in with the dev session, and customer messages posted to the real webhook route.

export const whatsappToken = 'EAAGmediaTokenForTests';
export const pageToken = 'EAAGpageTokenForTests';

export type MediaTenant = {
  slug: string;
  tenantId: string;
  userId: string;
  email: string;
  phoneNumberId: string;
  pageId: string;
  appSecret: string;
};

export async function createMediaTenant(test: TestDatabase, env: AppEnv, slug: string): Promise<MediaTenant> {
  const { tenantId, userId } = await createTenantWithStaff(test, slug);
  const n = `${Date.now()}${Math.floor(Math.random() * 1e5)}`;
  const phoneNumberId = `10${n}`;
  const pageId = `30${n}`;
  const appSecret = `media-app-secret-${slug}-0123456789`;
  await connectChannel(test.db, env.ENCRYPTION_KEY!, {
    tenantSlug: slug,
    channel: 'whatsapp',
    mode: 'live',
    phoneNumberId,
    businessAccountId: `20${n}`,
    accessToken: whatsappToken,
    appSecret,
    verifyToken: secrets.verifyToken,
  });
  await connectChannel(test.db, env.ENCRYPTION_KEY!, {
    tenantSlug: slug,
    channel: 'facebook',
    mode: 'live',
    pageId,
    accessToken: pageToken,
    appSecret,
    verifyToken: secrets.verifyToken,
  });
  return { slug, tenantId, userId, email: `owner@${slug}.example`, phoneNumberId, pageId, appSecret };
}

export function signedIn(env: AppEnv, tenant: { userId: string; email: string }) {
  const cookies = createMemoryCookies();
  cookies.set(
    devSessionCookieName,
    sealDevSession({ sub: tenant.userId, email: tenant.email }, env.ENCRYPTION_KEY!),
  );
  return cookies;
}

function post(channel: 'whatsapp' | 'facebook', tenant: MediaTenant, body: string) {
  return postRaw(channel, tenant.slug, body, signedHeaders(channel, body, tenant.appSecret));
}

export function base64Sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('base64');
}

type WhatsappMedia = {
  type: 'image' | 'document' | 'audio';
  id: string;
  mimeType: string;
  sha256: string;
  filename?: string;
};

/** A customer's WhatsApp message with one file, as Meta posts it (tests/fixtures/whatsapp/image.json). */
export function postWhatsappMedia(tenant: MediaTenant, media: WhatsappMedia) {
  const wamid = `wamid.MEDIA${randomUUID().replaceAll('-', '')}`;
  const body = {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550783881', phone_number_id: tenant.phoneNumberId },
              contacts: [{ profile: { name: 'Ana López' }, wa_id: '5215587654321' }],
              messages: [
                {
                  from: '5215587654321',
                  id: wamid,
                  timestamp: String(Math.floor(Date.now() / 1000)),
                  type: media.type,
                  [media.type]: {
                    mime_type: media.mimeType,
                    sha256: media.sha256,
                    id: media.id,
                    ...(media.filename ? { filename: media.filename } : {}),
                    ...(media.type === 'audio' ? { voice: true } : {}),
                  },
                },
              ],
            },
          },
        ],
      },
    ],
  };
  return { wamid, posted: post('whatsapp', tenant, JSON.stringify(body)) };
}

/** A Messenger message with one attachment (tests/fixtures/facebook/attachment-image.json). */
export function postMessengerAttachment(tenant: MediaTenant, type: 'image' | 'file' | 'audio', url: string) {
  const mid = `m_MEDIA${randomUUID().replaceAll('-', '')}`;
  const body = {
    object: 'page',
    entry: [
      {
        id: tenant.pageId,
        time: Date.now(),
        messaging: [
          {
            sender: { id: '6784512093847561' },
            recipient: { id: tenant.pageId },
            timestamp: Date.now(),
            message: { mid, attachments: [{ type, payload: { url } }] },
          },
        ],
      },
    ],
  };
  return { mid, posted: post('facebook', tenant, JSON.stringify(body)) };
}

export async function fileOfMessage(test: TestDatabase, platformMessageId: string) {
  const { rows } = await test.pool.query(
    `select f.* from public.media_files f join public.messages m on m.id = f.message_id
     where m.platform_message_id = $1`,
    [platformMessageId],
  );
  return rows;
}

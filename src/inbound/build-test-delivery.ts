import { createHmac, randomUUID } from 'node:crypto';
import type { Channel } from '@/src/channels/channel-names';
import type { WebhookConnection } from './load-webhook-connection';

// A realistic, correctly signed inbound text delivery for a tenant's connection, shaped like
// the platform's own (PLATFORMS.md §2-4). Used by `npm run cli -- webhook send`.

export type TestDelivery = { body: string; headers: Record<string, string>; sender: string };

const defaultSenders: Record<Channel, string> = {
  whatsapp: '5215500000001',
  facebook: '9000000000000001',
  instagram: '9100000000000001',
  tiktok: '7400000000000000001',
};

function uniqueId(): string {
  return randomUUID().replaceAll('-', '').toUpperCase();
}

function metaEnvelope(
  object: 'page' | 'instagram',
  accountId: string,
  sender: string,
  text: string,
  now: Date,
) {
  const ms = now.getTime();
  return {
    object,
    entry: [
      {
        id: accountId,
        time: ms,
        messaging: [
          {
            sender: { id: sender },
            recipient: { id: accountId },
            timestamp: ms,
            message: { mid: `m_TEST${uniqueId()}`, text },
          },
        ],
      },
    ],
  };
}

function payload(
  channel: Channel,
  connection: WebhookConnection,
  sender: string,
  text: string,
  now: Date,
): unknown {
  const seconds = Math.floor(now.getTime() / 1000);
  switch (channel) {
    case 'whatsapp':
      return {
        object: 'whatsapp_business_account',
        entry: [
          {
            id: connection.business_account_id ?? '0',
            changes: [
              {
                field: 'messages',
                value: {
                  messaging_product: 'whatsapp',
                  metadata: {
                    display_phone_number: connection.display_phone_number ?? '',
                    phone_number_id: connection.phone_number_id,
                  },
                  contacts: [{ profile: { name: 'Cliente de prueba' }, wa_id: sender }],
                  messages: [
                    {
                      from: sender,
                      id: `wamid.TEST${uniqueId()}`,
                      timestamp: String(seconds),
                      type: 'text',
                      text: { body: text },
                    },
                  ],
                },
              },
            ],
          },
        ],
      };
    case 'facebook':
      return metaEnvelope('page', connection.page_id ?? '', sender, text, now);
    case 'instagram':
      return metaEnvelope('instagram', connection.instagram_account_id ?? '', sender, text, now);
    case 'tiktok': {
      const business = connection.tiktok_business_id ?? '';
      const content = {
        conversation_id: `0:1:${business}:${sender}`,
        message_id: `74${Date.now()}${Math.floor(Math.random() * 1e6)}`,
        type: 'text',
        timestamp: now.getTime(),
        from: 'cliente.prueba',
        from_user: { id: sender, role: 'personal_account' },
        to_user: { id: business, role: 'business_account' },
        text: { body: text },
      };
      return {
        client_key: 'inbox-cli',
        event: 'im_receive_msg',
        create_time: seconds,
        user_openid: business,
        content: JSON.stringify(content),
      };
    }
  }
}

export function buildTestDelivery(input: {
  channel: Channel;
  connection: WebhookConnection;
  secret: string;
  text: string;
  sender?: string;
  now?: Date;
}): TestDelivery {
  const now = input.now ?? new Date();
  const sender = input.sender ?? defaultSenders[input.channel];
  const body = JSON.stringify(payload(input.channel, input.connection, sender, input.text, now));
  const hmac = createHmac('sha256', input.secret);
  if (input.channel === 'tiktok') {
    const t = Math.floor(now.getTime() / 1000);
    hmac.update(`${t}.`).update(body);
    return { body, sender, headers: { 'tiktok-signature': `t=${t},s=${hmac.digest('hex')}` } };
  }
  hmac.update(body);
  return { body, sender, headers: { 'x-hub-signature-256': `sha256=${hmac.digest('hex')}` } };
}

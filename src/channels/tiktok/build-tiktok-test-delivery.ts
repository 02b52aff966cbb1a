import { createHmac } from 'node:crypto';
import type { TestDelivery, TestDeliveryInput } from '@/src/channels/test-delivery';

// A TikTok Business Messaging im_receive_msg event, signed with TikTok-Signature (PLATFORMS.md §4).
export function buildTiktokTestDelivery(input: TestDeliveryInput): TestDelivery {
  const sender = input.sender ?? '7400000000000000001';
  const business = input.account.tiktok_business_id ?? '';
  const seconds = Math.floor(input.now.getTime() / 1000);
  const content = {
    conversation_id: `0:1:${business}:${sender}`,
    message_id: `74${Date.now()}${Math.floor(Math.random() * 1e6)}`,
    type: 'text',
    timestamp: input.now.getTime(),
    from: 'cliente.prueba',
    from_user: { id: sender, role: 'personal_account' },
    to_user: { id: business, role: 'business_account' },
    text: { body: input.text },
  };
  const body = JSON.stringify({
    client_key: 'inbox-cli',
    event: 'im_receive_msg',
    create_time: seconds,
    user_openid: business,
    content: JSON.stringify(content),
  });
  const signature = createHmac('sha256', input.secret).update(`${seconds}.`).update(body).digest('hex');
  return { body, sender, headers: { 'tiktok-signature': `t=${seconds},s=${signature}` } };
}

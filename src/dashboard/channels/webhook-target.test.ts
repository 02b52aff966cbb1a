import { describe, expect, it } from 'vitest';
import type { ChannelCard } from './load-channels';
import { webhookTarget } from './webhook-target';

const card = (app_kind: 'own' | 'platform') =>
  ({ app_kind, verify_token: 'own-verify-token' }) as ChannelCard;
const env = { META_VERIFY_TOKEN: 'platform-verify-token' };

describe('webhookTarget', () => {
  it('sends own-app connections to the per-tenant route with their own verify token', () => {
    expect(webhookTarget('https://x.example', 'tacos', 'whatsapp', card('own'), env)).toEqual({
      url: 'https://x.example/api/webhook/whatsapp/tacos',
      verifyToken: 'own-verify-token',
      platform: false,
    });
  });

  it('sends platform-app connections to the app-level routes with the deployment verify token', () => {
    expect(webhookTarget('https://x.example', 'tacos', 'instagram', card('platform'), env)).toEqual({
      url: 'https://x.example/api/webhook/meta',
      verifyToken: 'platform-verify-token',
      platform: true,
    });
    expect(webhookTarget('https://x.example', 'tacos', 'tiktok', card('platform'), env)).toMatchObject({
      url: 'https://x.example/api/webhook/tiktok',
      verifyToken: null,
    });
  });

  it('sends Twilio and email to the per-tenant route even without a secret of their own', () => {
    for (const channel of ['twilio', 'email'] as const) {
      expect(webhookTarget('https://x.example', 'tacos', channel, card('platform'), env)).toMatchObject({
        url: `https://x.example/api/webhook/${channel}/tacos`,
        platform: false,
      });
    }
  });
});

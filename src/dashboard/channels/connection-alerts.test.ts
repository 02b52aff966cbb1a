import { describe, expect, it } from 'vitest';
import { connectionAlerts } from './connection-alerts';
import type { ChannelHealth } from './load-channel-health';

const now = new Date('2026-12-07T12:00:00.000Z');
const inDays = (n: number) => new Date(now.getTime() + n * 86_400_000).toISOString();

function health(fields: Partial<ChannelHealth>): ChannelHealth {
  return {
    channel: 'whatsapp',
    mode: 'live',
    status: 'connected',
    app_kind: 'platform',
    page_linked: false,
    last_error: null,
    last_inbound_at: null,
    last_send_ok_at: null,
    token_expires_at: null,
    data_access_expires_at: null,
    refresh_token_expires_at: null,
    reauth_deadline: null,
    token_checked_at: null,
    expiry_warned_at: null,
    quality_rating: null,
    messaging_limit: null,
    quality_updated_at: null,
    policy_blocked_at: null,
    policy_reason: null,
    ...fields,
  };
}

describe('connectionAlerts', () => {
  it('warns 5 days before the deadline, with the days left', () => {
    expect(connectionAlerts([health({ reauth_deadline: inDays(5) })], now)).toEqual([
      { channel: 'whatsapp', platform: 'Facebook', kind: 'expiring', deadline: inDays(5), daysLeft: 5 },
    ]);
  });

  it('says nothing 8 days before, nor for sandbox or switched-off connections', () => {
    expect(
      connectionAlerts(
        [
          health({ reauth_deadline: inDays(8) }),
          health({ channel: 'facebook', mode: 'sandbox', status: 'needs_reauth' }),
          health({ channel: 'tiktok', status: 'disconnected', reauth_deadline: inDays(1) }),
        ],
        now,
      ),
    ).toEqual([]);
  });

  it('needs_reauth, or a deadline already past, asks to reconnect now', () => {
    expect(
      connectionAlerts(
        [
          health({ channel: 'instagram', status: 'needs_reauth', last_error: 'Meta error 190: expired' }),
          health({ channel: 'instagram', page_linked: true, status: 'needs_reauth' }),
          health({ channel: 'facebook', reauth_deadline: inDays(-1) }),
        ],
        now,
      ),
    ).toEqual([
      { channel: 'instagram', platform: 'Instagram', kind: 'reauth', reason: 'Meta error 190: expired' },
      { channel: 'instagram', platform: 'Facebook', kind: 'reauth', reason: null },
      { channel: 'facebook', platform: 'Facebook', kind: 'reauth', reason: null },
    ]);
  });
});

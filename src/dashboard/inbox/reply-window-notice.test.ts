import { describe, expect, it } from 'vitest';
import { replyWindowNotice } from './reply-window-notice';

const now = Date.parse('2026-12-04T12:00:00Z');
const hoursAgo = (hours: number) => new Date(now - hours * 3_600_000).toISOString();

describe('replyWindowNotice', () => {
  it('says nothing inside 24 h on any channel', () => {
    for (const channel of ['whatsapp', 'facebook', 'instagram', 'tiktok'] as const) {
      expect(replyWindowNotice(channel, hoursAgo(23), now, 48)).toBeNull();
    }
  });

  it('tells WhatsApp staff a template is needed after 24 h', () => {
    expect(replyWindowNotice('whatsapp', hoursAgo(25), now, 48)).toBe('whatsapp_template_required');
  });

  it('tells Messenger/Instagram staff the reply goes tagged up to 7 days, and then not at all', () => {
    expect(replyWindowNotice('facebook', hoursAgo(30), now, 48)).toBe('human_agent_tag');
    expect(replyWindowNotice('instagram', hoursAgo(24 * 6.9), now, 48)).toBe('human_agent_tag');
    expect(replyWindowNotice('instagram', hoursAgo(24 * 7.1), now, 48)).toBe('meta_window_closed');
  });

  it('uses the configured TikTok window', () => {
    expect(replyWindowNotice('tiktok', hoursAgo(40), now, 48)).toBeNull();
    expect(replyWindowNotice('tiktok', hoursAgo(49), now, 48)).toBe('tiktok_window_closed');
    expect(replyWindowNotice('tiktok', hoursAgo(13), now, 12)).toBe('tiktok_window_closed');
  });

  it('warns when the customer never wrote', () => {
    expect(replyWindowNotice('whatsapp', null, now, 48)).toBe('no_customer_message');
  });
});

import { describe, expect, it } from 'vitest';
import { type Channel, channelAdapter } from './channel-registry';
import { decideReplyWindow, type WindowFacts } from './reply-window';

type Facts = Omit<WindowFacts, 'settings'> & {
  channel: Channel;
  tiktok: { windowHours: number; maxRepliesPerDay: number };
};

function decideSendWindow({ channel, tiktok, ...facts }: Facts) {
  return decideReplyWindow(channelAdapter(channel).replyWindow, {
    ...facts,
    settings: {
      TIKTOK_REPLY_WINDOW_HOURS: tiktok.windowHours,
      TIKTOK_MAX_REPLIES_PER_DAY: tiktok.maxRepliesPerDay,
    },
  });
}

const now = new Date('2026-11-22T12:00:00Z');
const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000);
const facts = (fields: Partial<Facts>): Facts => ({
  channel: 'facebook',
  sender: 'ai',
  lastInboundAt: hoursAgo(1),
  now,
  repliesLast24h: 0,
  tiktok: { windowHours: 48, maxRepliesPerDay: 10 },
  ...fields,
});

describe("each channel's reply window", () => {
  it('lets every channel answer inside 24 h with a plain response', () => {
    for (const channel of ['whatsapp', 'facebook', 'instagram', 'tiktok'] as const) {
      for (const sender of ['ai', 'human', 'system'] as const) {
        expect(decideSendWindow(facts({ channel, sender, lastInboundAt: hoursAgo(23.9) }))).toEqual({
          ok: true,
          window: { messagingType: 'RESPONSE' },
        });
      }
    }
  });

  it('keeps automated replies inside 24 h everywhere, TikTok included', () => {
    for (const channel of ['whatsapp', 'facebook', 'instagram', 'tiktok'] as const) {
      for (const sender of ['ai', 'system'] as const) {
        expect(decideSendWindow(facts({ channel, sender, lastInboundAt: hoursAgo(24.1) }))).toMatchObject({
          ok: false,
          code: 'outside_window',
        });
      }
    }
  });

  it('tags human replies on Messenger and Instagram between 24 h and 7 days, and stops after', () => {
    for (const channel of ['facebook', 'instagram'] as const) {
      expect(
        decideSendWindow(facts({ channel, sender: 'human', lastInboundAt: hoursAgo(24 * 6.9) })),
      ).toEqual({
        ok: true,
        window: { messagingType: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' },
      });
      expect(
        decideSendWindow(facts({ channel, sender: 'human', lastInboundAt: hoursAgo(24 * 7.1) })),
      ).toMatchObject({
        ok: false,
        code: 'outside_window',
      });
    }
  });

  it('asks for a template on WhatsApp after 24 h', () => {
    expect(
      decideSendWindow(facts({ channel: 'whatsapp', sender: 'human', lastInboundAt: hoursAgo(25) })),
    ).toMatchObject({
      ok: false,
      code: 'whatsapp_template_required',
    });
  });

  it('applies the TikTok window and daily reply cap from configuration', () => {
    const tiktok = { windowHours: 48, maxRepliesPerDay: 3 };
    expect(
      decideSendWindow(facts({ channel: 'tiktok', sender: 'human', lastInboundAt: hoursAgo(40), tiktok })).ok,
    ).toBe(true);
    expect(
      decideSendWindow(facts({ channel: 'tiktok', sender: 'human', lastInboundAt: hoursAgo(49), tiktok })).ok,
    ).toBe(false);
    expect(decideSendWindow(facts({ channel: 'tiktok', repliesLast24h: 2, tiktok })).ok).toBe(true);
    expect(decideSendWindow(facts({ channel: 'tiktok', repliesLast24h: 3, tiktok }))).toEqual({
      ok: false,
      code: 'tiktok_reply_limit',
      staffMessage: 'TikTok allows 3 replies per customer per day; the limit is reached.',
    });
    // The cap is TikTok's alone.
    expect(decideSendWindow(facts({ channel: 'instagram', repliesLast24h: 50, tiktok })).ok).toBe(true);
  });

  it('never answers a conversation the customer did not start', () => {
    expect(decideSendWindow(facts({ lastInboundAt: null }))).toMatchObject({
      ok: false,
      code: 'no_customer_message',
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelAdapter, channelNames } from '@/src/channels/channel-registry';
import { decideReplyWindow } from '@/src/channels/reply-window';
import { getEnv } from '@/src/env';
import { createConversation } from '../outbound/outbound-fixture';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// The limits the SQL enforces when staff queue a reply (send_human_reply) and the ones each
// adapter declares are written twice, in SQL and in TypeScript: this keeps them the same.

let test: TestDatabase;

beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(async () => {
  await test.drop();
});

async function staffReply(channel: (typeof channelNames)[number], hoursAgo: number, text: string) {
  const fixture = await createConversation(test, { channel, hoursAgo });
  const member = await test.db.rpc('admin_seed_staff_member', {
    p_tenant_slug: fixture.slug,
    p_email: `agent@${fixture.slug}.example`,
    p_role: 'agent',
  });
  try {
    await test.db.rpc('send_human_reply', {
      p_tenant_id: fixture.tenantId,
      p_conversation_id: fixture.conversationId,
      p_user_id: member.user_id,
      p_text: text,
    });
    return 'queued';
  } catch (error) {
    return (error as { details?: { reason?: string } }).details?.reason ?? String(error);
  }
}

function adapterAllowsHuman(channel: (typeof channelNames)[number], hoursAgo: number): boolean {
  const now = new Date();
  return decideReplyWindow(channelAdapter(channel).replyWindow, {
    sender: 'human',
    lastInboundAt: new Date(now.getTime() - hoursAgo * 3_600_000),
    now,
    repliesLast24h: 0,
    settings: getEnv(),
  }).ok;
}

describe('channels: SQL and adapters agree', () => {
  it('every channel check in the schema lists exactly the registered channels', async () => {
    const { rows } = await test.pool.query(`
      select conrelid::regclass::text as owner, pg_get_constraintdef(oid) as definition
      from pg_constraint where contype = 'c' and connamespace = 'public'::regnamespace
        and pg_get_constraintdef(oid) ~ 'channel'
        -- How a member is notified (push, email), not a messaging channel.
        and conrelid <> 'public.notification_deliveries'::regclass`);
    expect(rows.length).toBeGreaterThanOrEqual(7);
    for (const row of rows) {
      const listed = [...(row.definition as string).matchAll(/'([a-z_]+)'::text/g)].map((m) => m[1]);
      expect({ owner: row.owner, channels: listed.sort() }).toEqual({
        owner: row.owner,
        channels: [...channelNames].sort(),
      });
    }
  });

  it.each(channelNames)('%s: internal.channel_text_limit is the adapter text limit', async (channel) => {
    const { rows } = await test.pool.query('select internal.channel_text_limit($1) as max', [channel]);
    expect(rows[0].max).toBe(channelAdapter(channel).textLimit.max);
  });

  it.each(channelNames)('%s: a staff reply at the limit is queued, one over is refused', async (channel) => {
    const { max, unit } = channelAdapter(channel).textLimit;
    expect(await staffReply(channel, 1, 'a'.repeat(max))).toBe('queued');
    expect(await staffReply(channel, 1, 'a'.repeat(max + 1))).toBe(`reply_too_long_${channel}`);
    // Two bytes a character: within the characters, over the bytes.
    const accented = 'é'.repeat(Math.floor(max / 2) + 1);
    expect(await staffReply(channel, 1, accented)).toBe(
      unit === 'utf8_bytes' ? `reply_too_long_${channel}` : 'queued',
    );
  });

  it.each(channelNames)('%s: the staff reply window is the one the adapter declares', async (channel) => {
    const hours = channelAdapter(channel).replyWindow.humanReplyHours;
    if (hours === null) {
      // Set by configuration: the SQL leaves it to the send job, so it refuses nothing by age.
      expect(await staffReply(channel, 24 * 30, 'Hola')).toBe('queued');
      return;
    }
    expect(adapterAllowsHuman(channel, hours - 0.1)).toBe(true);
    expect(await staffReply(channel, hours - 0.1, 'Hola')).toBe('queued');
    expect(adapterAllowsHuman(channel, hours + 0.1)).toBe(false);
    expect(await staffReply(channel, hours + 0.1, 'Hola')).not.toBe('queued');
  });
});

import type { ChannelHealth } from './load-channel-health';

// Which live connections staff must act on: re-authorise now (needs_reauth, or the deadline
// passed), or soon (the deadline is within the warning window the token_health job uses).

export const warnDays = 7;
const dayMs = 86_400_000;

type Platform = 'Facebook' | 'Instagram' | 'TikTok';
type Alerted = { channel: ChannelHealth['channel']; platform: Platform };

export type ConnectionAlert =
  | (Alerted & { kind: 'reauth'; reason: string | null })
  | (Alerted & { kind: 'expiring'; deadline: string; daysLeft: number });

/** Whom staff log in with to connect the channel again (a brand name, the same in every language). */
export function loginPlatform(health: Pick<ChannelHealth, 'channel' | 'page_linked'>): Platform {
  if (health.channel === 'tiktok') return 'TikTok';
  return health.channel === 'instagram' && !health.page_linked ? 'Instagram' : 'Facebook';
}

export function connectionAlerts(health: readonly ChannelHealth[], now: Date): ConnectionAlert[] {
  const alerts: ConnectionAlert[] = [];
  for (const connection of health) {
    if (connection.mode !== 'live' || connection.status === 'disconnected') continue;
    const deadline = connection.reauth_deadline ? new Date(connection.reauth_deadline) : null;
    const alerted = { channel: connection.channel, platform: loginPlatform(connection) };
    if (connection.status === 'needs_reauth' || (deadline && deadline <= now)) {
      alerts.push({ ...alerted, kind: 'reauth', reason: connection.last_error });
    } else if (deadline && deadline.getTime() - now.getTime() <= warnDays * dayMs) {
      const daysLeft = Math.ceil((deadline.getTime() - now.getTime()) / dayMs);
      alerts.push({
        ...alerted,
        kind: 'expiring',
        deadline: deadline.toISOString(),
        daysLeft,
      });
    }
  }
  return alerts;
}

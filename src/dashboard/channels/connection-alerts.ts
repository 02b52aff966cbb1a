import type { ChannelHealth } from './load-channel-health';

// Which live connections staff must act on: re-authorise now (needs_reauth, or the deadline
// passed), or soon (the deadline is within the warning window the token_health job uses).

export const warnDays = 7;
const dayMs = 86_400_000;

export type ConnectionAlert =
  | { channel: ChannelHealth['channel']; kind: 'reauth'; reason: string | null }
  | { channel: ChannelHealth['channel']; kind: 'expiring'; deadline: string; daysLeft: number };

export function connectionAlerts(health: readonly ChannelHealth[], now: Date): ConnectionAlert[] {
  const alerts: ConnectionAlert[] = [];
  for (const connection of health) {
    if (connection.mode !== 'live' || connection.status === 'disconnected') continue;
    const deadline = connection.reauth_deadline ? new Date(connection.reauth_deadline) : null;
    if (connection.status === 'needs_reauth' || (deadline && deadline <= now)) {
      alerts.push({ channel: connection.channel, kind: 'reauth', reason: connection.last_error });
    } else if (deadline && deadline.getTime() - now.getTime() <= warnDays * dayMs) {
      const daysLeft = Math.ceil((deadline.getTime() - now.getTime()) / dayMs);
      alerts.push({
        channel: connection.channel,
        kind: 'expiring',
        deadline: deadline.toISOString(),
        daysLeft,
      });
    }
  }
  return alerts;
}

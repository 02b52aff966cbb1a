import type { Messages } from '@/src/i18n/messages-es';
import { Badge, type BadgeTone } from '@/src/ui/badge';
import { formatDateTime } from '@/src/ui/format-date';
import { loginPlatform, warnDays } from './connection-alerts';
import { formatDay, formatMessagingLimit } from './format-health';
import type { ChannelHealth } from './load-channel-health';

// The card's health block for a live connection: last inbound, last successful send, when the
// connection permission expires (in plain words), and WhatsApp's quality rating and limit.

const qualityTone: Record<string, BadgeTone> = { GREEN: 'good', YELLOW: 'warn', RED: 'bad' };
const dayMs = 86_400_000;

function PermissionLine({ health, t, timezone, now }: Props & { health: ChannelHealth }) {
  const h = t.channelHealth;
  const deadline = health.reauth_deadline;
  if (health.status === 'needs_reauth') return <span className="font-medium text-rose-800">{h.refused}</span>;
  if (!deadline) return <>{health.token_checked_at ? h.noExpiry : h.unknownExpiry}</>;
  const msLeft = new Date(deadline).getTime() - now.getTime();
  if (msLeft <= 0) return <span className="font-medium text-rose-800">{h.expired}</span>;
  const text = h.expiresOn(loginPlatform(health), formatDay(deadline, t.locale, timezone));
  if (msLeft > warnDays * dayMs) return <>{text}</>;
  return (
    <span className="font-medium text-amber-900">
      {text} ({h.daysLeft(Math.ceil(msLeft / dayMs))})
    </span>
  );
}

type Props = { health: ChannelHealth | undefined; t: Messages; timezone: string; now: Date };

export function ChannelHealthView(props: Props) {
  const { health, t, timezone } = props;
  if (health?.mode !== 'live') return null;
  const h = t.channelHealth;
  const when = (iso: string | null) => (iso ? formatDateTime(iso, t.locale, timezone) : h.notYet);
  const channel = health.channel;
  return (
    <div className="mt-4 border-t border-slate-200 pt-4" data-testid={`${channel}-health`}>
      <h3 className="text-sm font-semibold text-slate-900">{h.title}</h3>
      <dl className="mt-2 grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
        <div>
          <dt className="text-slate-600">{h.lastInbound}</dt>
          <dd>{when(health.last_inbound_at)}</dd>
        </div>
        <div>
          <dt className="text-slate-600">{h.lastSendOk}</dt>
          <dd>{when(health.last_send_ok_at)}</dd>
        </div>
        <div className="sm:col-span-2">
          <dt className="text-slate-600">{h.permission}</dt>
          <dd data-testid={`${channel}-token-expiry`}>
            <PermissionLine {...props} health={health} />
          </dd>
          <dd className="mt-1 text-xs text-slate-600">
            {health.refresh_token_expires_at ? `${h.renewsItself} ` : ''}
            {h.permissionHelp(loginPlatform(health))}
            {health.token_checked_at ? ` ${h.checkedAt(when(health.token_checked_at))}` : ''}
          </dd>
        </div>
        {channel === 'whatsapp' && (
          <>
            <div>
              <dt className="text-slate-600">{h.quality}</dt>
              <dd>
                {health.quality_rating ? (
                  <Badge tone={qualityTone[health.quality_rating] ?? 'neutral'}>
                    {h.qualityValues[health.quality_rating] ?? health.quality_rating}
                  </Badge>
                ) : (
                  t.common.none
                )}
              </dd>
            </div>
            <div>
              <dt className="text-slate-600">{h.messagingLimit}</dt>
              <dd>
                {health.messaging_limit
                  ? formatMessagingLimit(health.messaging_limit, t.locale, h.unlimited)
                  : t.common.none}
              </dd>
            </div>
          </>
        )}
        {health.policy_blocked_at && (
          <div className="sm:col-span-2">
            <dt className="text-slate-600">
              {h.policyBlocked(formatDay(health.policy_blocked_at, t.locale, timezone))}
            </dt>
            <dd className="text-rose-800">{health.policy_reason ?? t.common.none}</dd>
          </div>
        )}
      </dl>
    </div>
  );
}

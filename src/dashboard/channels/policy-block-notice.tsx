import type { Messages } from '@/src/i18n/messages-es';
import { formatDateTime } from '@/src/ui/format-date';
import { channelLabel } from '../channel-label';
import type { ChannelNotices } from './load-channel-notices';

// Meta blocked a Page's messaging for a policy violation: said at the top of the channels page,
// with Meta's own reason, until Meta unblocks it.
export function PolicyBlockNotice({
  blocks,
  t,
  timezone,
}: {
  blocks: ChannelNotices['policy_blocks'];
  t: Messages;
  timezone: string;
}) {
  if (blocks.length === 0) return null;
  const n = t.channelPolicyNotice;
  return (
    <div role="alert" className="space-y-2" data-testid="policy-block-notice">
      {blocks.map((block) => (
        <div
          key={block.channel}
          className="rounded-xl border border-rose-300 bg-rose-50 p-4 text-sm text-rose-900"
        >
          <p className="font-semibold">{n.title(channelLabel(t, block.channel))}</p>
          <p className="mt-1">{n.body(formatDateTime(block.blocked_at, t.locale, timezone))}</p>
          {block.reason ? (
            <p className="mt-1">
              {n.reason} <span className="italic">{block.reason}</span>
            </p>
          ) : null}
        </div>
      ))}
    </div>
  );
}

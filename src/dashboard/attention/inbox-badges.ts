import type { Messages } from '@/src/i18n/messages-es';
import type { NavBadge } from '@/src/ui/nav-links';
import type { Attention } from './load-attention';

// The navigation's counts beside "Bandeja": unread messages, and conversations waiting for a
// person (red, and said in words).
export function inboxBadges(attention: Attention, t: Messages): NavBadge[] {
  const a = t.attention;
  return [
    ...(attention.escalations > 0
      ? [
          {
            text: a.waitingShort(attention.escalations),
            label: a.waiting(attention.escalations),
            tone: 'bad' as const,
          },
        ]
      : []),
    ...(attention.unread_messages > 0
      ? [
          {
            text: a.unreadShort(attention.unread_messages),
            label: a.unread(attention.unread_messages),
            tone: 'info' as const,
          },
        ]
      : []),
  ];
}

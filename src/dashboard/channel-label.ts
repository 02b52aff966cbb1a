import type { Messages } from '@/src/i18n/messages-es';

// A channel's name in the reader's language; a channel this build has no name for (an old row)
// shows its stored id rather than nothing.
export function channelLabel(t: Messages, channel: string): string {
  return t.channels[channel as keyof Messages['channels']] ?? channel;
}

import { channelNames } from '@/src/channels/channel-registry';
import type { Messages } from '@/src/i18n/messages-es';
import type { SelectOption } from '@/src/ui/select-field';

// Every channel as a choice in a drop-down, in registry order; a filter puts "all" first.
export function channelOptions(t: Messages, all?: string): SelectOption[] {
  const channels = channelNames.map((channel) => ({ value: channel, label: t.channels[channel] }));
  return all === undefined ? channels : [{ value: '', label: all }, ...channels];
}

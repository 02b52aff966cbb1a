import { type Channel, channelAdapter } from './channel-registry';
import { fitTextToLimit } from './text-limit';

/** An over-long reply cut to what the channel accepts (see fitTextToLimit). */
export function fitTextToChannel(text: string, channel: Channel): string {
  return fitTextToLimit(text, channelAdapter(channel).textLimit);
}

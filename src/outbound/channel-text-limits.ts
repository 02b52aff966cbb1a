import type { Channel } from '@/src/channels/channel-names';

// Longest text one message may carry per platform (Instagram: 1000 UTF-8 bytes, the rest
// characters). The SQL functions check the same character limits.
export const channelTextLimits: Record<Channel, number> = {
  whatsapp: 4096,
  facebook: 2000,
  instagram: 1000,
  tiktok: 6000,
};

function fits(text: string, channel: Channel): boolean {
  const limit = channelTextLimits[channel];
  if (text.length > limit) return false;
  return channel !== 'instagram' || Buffer.byteLength(text, 'utf8') <= limit;
}

/** Cuts an over-long reply at the last sentence (or word) that fits, marking the cut with "…". */
export function fitTextToChannel(text: string, channel: Channel): string {
  const trimmed = text.trim();
  if (fits(trimmed, channel)) return trimmed;
  let cut = Array.from(trimmed)
    .slice(0, channelTextLimits[channel] - 1)
    .join('');
  while (!fits(`${cut}…`, channel)) cut = Array.from(cut).slice(0, -1).join('');
  const sentenceEnd = Math.max(
    cut.lastIndexOf('. '),
    cut.lastIndexOf('! '),
    cut.lastIndexOf('? '),
    cut.lastIndexOf('\n'),
  );
  if (sentenceEnd > cut.length / 2) return cut.slice(0, sentenceEnd + 1).trim();
  const wordEnd = cut.lastIndexOf(' ');
  return `${(wordEnd > cut.length / 2 ? cut.slice(0, wordEnd) : cut).trimEnd()}…`;
}

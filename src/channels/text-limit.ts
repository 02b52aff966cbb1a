// The longest text one message may carry on a platform. Instagram counts UTF-8 bytes, the
// others characters; the SQL (internal.channel_text_limit) checks the same numbers.

export type TextLimit = { max: number; unit: 'characters' | 'utf8_bytes' };

function fitsTextLimit(text: string, limit: TextLimit): boolean {
  if (text.length > limit.max) return false;
  return limit.unit !== 'utf8_bytes' || Buffer.byteLength(text, 'utf8') <= limit.max;
}

/** Cuts an over-long reply at the last sentence (or word) that fits, marking the cut with "…". */
export function fitTextToLimit(text: string, limit: TextLimit): string {
  const trimmed = text.trim();
  if (fitsTextLimit(trimmed, limit)) return trimmed;
  let cut = Array.from(trimmed)
    .slice(0, limit.max - 1)
    .join('');
  while (!fitsTextLimit(`${cut}…`, limit)) cut = Array.from(cut).slice(0, -1).join('');
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

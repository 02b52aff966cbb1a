// Platform timestamps to ISO strings. Out-of-range or unparsable values become null (the
// message is still stored, with our own clock) instead of failing a whole delivery.

const earliest = Date.UTC(2000, 0, 1);
const latest = Date.UTC(2200, 0, 1);

function isoFromMs(ms: number): string | null {
  if (!Number.isFinite(ms) || ms < earliest || ms > latest) return null;
  return new Date(ms).toISOString();
}

function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\d{1,16}$/.test(value)) return Number(value);
  return Number.NaN;
}

/** WhatsApp: strings of Unix seconds. */
export function isoFromSeconds(value: unknown): string | null {
  return isoFromMs(toNumber(value) * 1000);
}

/** Messenger, Instagram, TikTok message content: Unix milliseconds. */
export function isoFromMillis(value: unknown): string | null {
  return isoFromMs(toNumber(value));
}

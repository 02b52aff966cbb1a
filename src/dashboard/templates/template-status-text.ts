import type { TemplatesMessages } from '@/src/i18n/templates-es';
import type { BadgeTone } from '@/src/ui/badge';

// A template's status as staff read it: the Spanish name, a tone, and what it means for them
// (for a rejection, Meta's reason explained; its own words stay beside it).

const tones: Record<string, BadgeTone> = {
  approved: 'good',
  pending: 'info',
  rejected: 'bad',
  paused: 'warn',
  disabled: 'bad',
  flagged: 'warn',
  deleted: 'neutral',
};

export function templateStatusTone(status: string): BadgeTone {
  return tones[status] ?? 'neutral';
}

/** "INVALID_FORMAT — Meta's reason — recommendation" → the first part explained, then Meta's words. */
export function rejectionText(reason: string | null, t: TemplatesMessages): string | null {
  if (!reason) return null;
  const [code = '', ...rest] = reason.split(' — ');
  const known = t.rejectionReasons[code.trim()];
  if (known) return rest.length ? `${known} (${rest.join(' — ')})` : known;
  return t.otherReason(reason);
}

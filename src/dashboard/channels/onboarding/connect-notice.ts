import { z } from 'zod';
import type { Messages } from '@/src/i18n/messages-es';
import type { ActionState } from '@/src/ui/action-state';

// What the TikTok callback's redirect says (?connected=tiktok or ?connectError=reason), as the
// notice the channels page shows. Only our own texts are shown (a crafted link cannot put words
// on the page); unknown reasons fall back to the generic text.

const querySchema = z.object({
  connected: z.literal('tiktok').optional(),
  connectError: z
    .string()
    .regex(/^[a-z_]{1,64}$/)
    .optional(),
});

export function connectNotice(
  query: Record<string, string | string[] | undefined>,
  t: Messages,
): ActionState | undefined {
  const parsed = querySchema.safeParse(query);
  if (!parsed.success) return undefined;
  if (parsed.data.connectError) {
    return {
      status: 'error',
      message: t.connect.reasons[parsed.data.connectError] ?? t.errors.generic,
      fields: [],
    };
  }
  if (parsed.data.connected) return { status: 'ok', notice: t.connect.connected('TikTok') };
  return undefined;
}

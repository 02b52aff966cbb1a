import { zodOutputFormat } from '@anthropic-ai/sdk/helpers/zod';
import { z } from 'zod';
import { leadSignalNames, replyIntents } from './lead-signals';

// The one structured result Claude returns, written once: the SDK's zod helper derives the JSON
// schema sent in output_config.format (every field required, no extra properties), and the same
// zod schema validates the answer again, because a customer will read it.

export const aiReplySchema = z.object({
  reply: z.string().describe('The message to send to the customer.'),
  intent: z.enum(replyIntents),
  signals: z.array(z.enum(leadSignalNames)),
  escalate: z.boolean(),
  escalation_reason: z.string(),
  // Options the customer can tap (issue 16 §2). Defaults keep an answer without them valid.
  // The prompt says when to use each (build-claude-request.ts).
  choices_style: z.enum(['none', 'buttons', 'list', 'services_menu']).default('none'),
  choices: z.array(z.object({ title: z.string(), description: z.string() })).default([]),
});

export type AiReply = z.infer<typeof aiReplySchema>;

/** output_config.format for the reply (a JSON schema derived from aiReplySchema). */
export const aiReplyFormat = zodOutputFormat(aiReplySchema);

/** The reply validated by zod, signals without repeats; undefined when it does not match. */
export function parseAiReply(json: unknown): AiReply | undefined {
  const parsed = aiReplySchema.safeParse(json);
  if (!parsed.success) return undefined;
  return { ...parsed.data, signals: [...new Set(parsed.data.signals)] };
}

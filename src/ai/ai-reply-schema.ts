import { z } from 'zod';
import { leadSignalNames, replyIntents } from './lead-signals';

// The one structured result Claude returns: constrained by output_config.format (JSON schema),
// then validated again with zod, because a customer will read it.

export const aiReplySchema = z.object({
  reply: z.string(),
  intent: z.enum(replyIntents),
  signals: z.array(z.enum(leadSignalNames)).transform((signals) => [...new Set(signals)]),
  escalate: z.boolean(),
  escalation_reason: z.string(),
});

export type AiReply = z.infer<typeof aiReplySchema>;

/** The same shape for structured outputs: every field required, no extra properties. */
export const aiReplyJsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['reply', 'intent', 'signals', 'escalate', 'escalation_reason'],
  properties: {
    reply: { type: 'string', description: 'The message to send to the customer.' },
    intent: { type: 'string', enum: [...replyIntents] },
    signals: { type: 'array', items: { type: 'string', enum: [...leadSignalNames] } },
    escalate: { type: 'boolean' },
    escalation_reason: { type: 'string' },
  },
} as const;

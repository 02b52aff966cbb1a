import { z } from 'zod';
import { channelSchema } from '@/src/channels/channel-registry';
import type { DbPort } from '@/src/db/rpc-port';

// What ai_load_context returns: the tenant's AI settings, the lead, the conversation, the
// connection and its recent messages, in one read. Validated: it drives what we tell a customer.

const defaultFallback = 'Gracias por escribirnos. Una persona de nuestro equipo te responderá muy pronto.';

const aiSettingsSchema = z.object({
  system_prompt: z.string().default(''),
  business_hours: z.record(z.string(), z.unknown()).default({}),
  response_style: z.string().default('friendly'),
  temperature: z.coerce.number().default(0.7),
  max_tokens: z.number().int().default(600),
  model: z.string().nullable().default(null),
  escalation_keywords: z.array(z.string()).default([]),
  auto_escalate_after_messages: z.number().int().nullable().default(null),
  fallback_message: z.string().min(1).default(defaultFallback),
  knowledge: z
    .object({
      services: z.array(z.record(z.string(), z.unknown())).default([]),
      faqs: z.array(z.object({ question: z.string(), answer: z.string() }).loose()).default([]),
    })
    .loose()
    .default({ services: [], faqs: [] }),
});

const historyMessageSchema = z.object({
  id: z.string(),
  direction: z.enum(['inbound', 'outbound']),
  sender: z.enum(['lead', 'ai', 'human', 'system']),
  message_type: z.string(),
  text: z.string().nullable(),
  created_at: z.coerce.date(),
  /** The customer deleted it (content erased); older rows may lack the field. */
  deleted: z.boolean().default(false),
});

const foundSchema = z.object({
  found: z.literal(true),
  now: z.coerce.date(),
  tenant: z.object({ id: z.string(), name: z.string(), timezone: z.string(), locale: z.string() }),
  ai: aiSettingsSchema.nullable().transform((ai) => ai ?? aiSettingsSchema.parse({})),
  conversation: z.object({
    id: z.string(),
    channel: channelSchema,
    status: z.string(),
    handled_by: z.enum(['ai', 'human']),
    escalated_at: z.string().nullable(),
    last_inbound_at: z.coerce.date().nullable(),
  }),
  lead: z.object({
    id: z.string(),
    name: z.string().nullable(),
    score: z.number(),
    classification: z.string(),
    origin_channel: z.string(),
    created_at: z.coerce.date(),
  }),
  connection: z.object({ mode: z.string(), status: z.string(), ai_enabled: z.boolean() }).nullable(),
  latest_inbound: z.object({ id: z.string(), created_at: z.coerce.date() }).nullable(),
  answered: z.boolean(),
  inbound_count: z.number(),
  history: z.array(historyMessageSchema),
});

const contextSchema = z.discriminatedUnion('found', [foundSchema, z.object({ found: z.literal(false) })]);

export type AiContext = z.infer<typeof foundSchema>;
export type HistoryMessage = z.infer<typeof historyMessageSchema>;

export async function loadAiContext(
  db: DbPort,
  conversationId: string,
  historyLimit: number,
): Promise<AiContext | undefined> {
  const raw = await db.rpc('ai_load_context', {
    p_conversation_id: conversationId,
    p_history_limit: historyLimit,
  });
  const context = contextSchema.parse(raw);
  return context.found ? context : undefined;
}

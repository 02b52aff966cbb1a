import { z } from 'zod';
import { channelSchema } from '@/src/channels/channel-registry';
import type { DbPort } from '@/src/db/rpc-port';
import { aiProviders } from './model-allowlist';

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
  /** Bytes of images and PDFs sent to Claude with one reply (newest first); 0 sends none. */
  media_turn_byte_budget: z
    .number()
    .int()
    .min(0)
    .default(8 * 1024 * 1024),
  /** A voice note with no transcript: ask the customer to write, or hand over to a person. */
  voice_without_transcript: z.enum(['ask_to_write', 'hand_over']).default('ask_to_write'),
  /** "AI through my workflow": the business's workflow answers (ai.reply_requested), not the model. */
  reply_through_workflow: z.boolean().optional(),
  /** Who answers (issue 17 §3), and whether the other provider may when this one is down. */
  ai_provider: z.enum(aiProviders).default('anthropic'),
  ai_provider_fallback: z.boolean().default(false),
});

/** A file the message carries (media_files), as the AI needs it: bytes are read from storage. */
const historyMediaSchema = z.object({
  id: z.string(),
  kind: z.enum(['image', 'audio', 'video', 'document', 'sticker']),
  mime_type: z.string().nullable(),
  byte_size: z.number().nullable(),
  status: z.enum(['pending', 'stored', 'unavailable', 'refused']),
  storage_path: z.string().nullable(),
  filename: z.string().nullable().default(null),
  transcript: z.string().nullable(),
  transcript_status: z.enum(['pending', 'done', 'failed', 'skipped']).nullable(),
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
  media: z.array(historyMediaSchema).default([]),
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

export type AiContext = Omit<z.infer<typeof foundSchema>, 'history'> & { history: HistoryMessage[] };
/** `media` may be absent where a history is built by hand (the dashboard's AI preview). */
export type HistoryMessage = Omit<z.infer<typeof historyMessageSchema>, 'media'> & {
  media?: z.infer<typeof historyMediaSchema>[];
};
export type HistoryMedia = z.infer<typeof historyMediaSchema>;

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

import { z } from 'zod';
import { aiMaxOutputTokens, aiMaxPromptCharacters, aiProviders } from './model-allowlist';

// What staff may change about the AI, validated the same way from the CLI and the dashboard.

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');
const day = z.array(z.tuple([time, time])).max(4);

export const businessHoursSchema = z
  .object({
    timezone: z.string().min(1).optional(),
    weekly: z
      .object({ mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day })
      .partial()
      .optional(),
    notes: z.string().max(500).optional(),
  })
  .strict();

const knowledgeSchema = z
  .object({
    services: z
      .array(
        z
          .object({
            name: z.string().min(1).max(200),
            price: z.string().max(100).optional(),
            duration: z.string().max(100).optional(),
            description: z.string().max(1000).optional(),
          })
          .strict(),
      )
      .max(200),
    faqs: z
      .array(z.object({ question: z.string().min(1).max(500), answer: z.string().min(1).max(2000) }).strict())
      .max(200),
  })
  .strict();

export const aiSettingsPatchSchema = z
  .object({
    system_prompt: z.string().max(aiMaxPromptCharacters),
    response_style: z.string().max(500),
    model: z.string().max(100),
    max_tokens: z.number().int().min(64).max(aiMaxOutputTokens),
    temperature: z.number().min(0).max(1),
    fallback_message: z.string().min(1).max(1000),
    escalation_keywords: z.array(z.string().trim().min(1).max(100)).max(100),
    auto_escalate_after_messages: z.number().int().min(1).max(1000).nullable(),
    business_hours: businessHoursSchema,
    knowledge: knowledgeSchema,
    media_turn_byte_budget: z
      .number()
      .int()
      .min(0)
      .max(32 * 1024 * 1024),
    voice_without_transcript: z.enum(['ask_to_write', 'hand_over']),
    ai_provider: z.enum(aiProviders),
    ai_provider_fallback: z.boolean(),
  })
  .partial()
  .strict();

export type AiSettingsPatch = z.infer<typeof aiSettingsPatchSchema>;

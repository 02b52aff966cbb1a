import { z } from 'zod';
import type { AiContext } from '@/src/ai/ai-context';
import { composeAiReply } from '@/src/ai/compose-ai-reply';
import { replyProviders } from '@/src/ai/providers/answer-with-providers';
import { channelSchema } from '@/src/channels/channel-registry';
import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import type { AppEnv } from '@/src/env';
import { AppError } from '@/src/shared/app-error';
import { canAdminister, type TenantContext } from '../tenants/resolve-tenant';
import { type AiSection, aiSections, type FormEntries, parseAiSection } from './ai-form';
import { limitAiPreview } from './limit-ai-preview';
import { type AiSettings, loadAiSettings } from './load-ai-settings';

// "Try the AI" (the test chat beside the settings): the settings as they are on the screen — the
// saved ones (read as the staff member) with the unsaved edits of every section form laid over
// them — answer one sample message the way the ai_response job would (rules, Claude or the
// offline responder) — in memory, nothing is stored or sent. The chat posts each section's
// fields as `draft.<section>.<field>`; a section it does not post keeps its saved values.

const previewSchema = z.object({
  message: z.string().trim().min(1).max(2000),
  channel: channelSchema.catch('whatsapp'),
});

export type AiPreview = {
  text: string;
  generatedBy: 'claude' | 'openai' | 'offline' | null;
  escalate: boolean;
  escalationReason: string | null;
  signals: string[];
};

/** The unsaved edits posted with the sample message, validated as a save would validate them. */
function draftSettings(saved: AiSettings, input: unknown): AiSettings {
  const entries = (input && typeof input === 'object' ? input : {}) as FormEntries;
  const draft: Partial<AiSettings> = {};
  for (const section of aiSections) {
    const prefix = `draft.${section}.`;
    const fields = Object.entries(entries).filter(([key]) => key.startsWith(prefix));
    if (fields.length === 0) continue;
    const patch = parseAiSection(
      section as AiSection,
      Object.fromEntries(fields.map(([key, value]) => [key.slice(prefix.length), String(value)])),
    );
    const { model, ...rest } = patch;
    Object.assign(draft, rest, model === undefined ? {} : { model: model || null });
  }
  return { ...saved, ...draft };
}

export async function previewAiReply(
  db: DbPort,
  staff: StaffIdentity,
  tenant: TenantContext,
  env: AppEnv,
  input: unknown,
  now = new Date(),
): Promise<AiPreview> {
  if (!canAdminister(tenant)) throw new AppError('forbidden', 'Only owners and admins can try the AI');
  const parsed = previewSchema.safeParse(input);
  if (!parsed.success) throw new AppError('bad_request', 'Write a sample message', { fields: ['message'] });
  const settings = draftSettings(await loadAiSettings(db, staff, tenant), input);
  // Only a model costs money: the offline responder's previews are not limited.
  if (replyProviders(settings, env).length) await limitAiPreview(db, tenant.id);
  const sample = {
    id: 'preview-message',
    direction: 'inbound' as const,
    sender: 'lead' as const,
    message_type: 'text',
    text: parsed.data.message,
    created_at: now,
    deleted: false,
  };
  const context: AiContext = {
    found: true,
    now,
    tenant: { id: tenant.id, name: tenant.name, timezone: tenant.timezone, locale: tenant.locale },
    ai: {
      system_prompt: settings.system_prompt,
      business_hours: settings.business_hours,
      response_style: settings.response_style,
      temperature: 0.7,
      max_tokens: settings.max_tokens,
      model: settings.model,
      escalation_keywords: settings.escalation_keywords,
      auto_escalate_after_messages: settings.auto_escalate_after_messages,
      fallback_message: settings.fallback_message,
      knowledge: settings.knowledge,
      media_turn_byte_budget: settings.media_turn_byte_budget,
      voice_without_transcript: settings.voice_without_transcript,
      ai_provider: settings.ai_provider,
      ai_provider_fallback: settings.ai_provider_fallback,
    },
    conversation: {
      id: 'preview',
      channel: parsed.data.channel,
      status: 'active',
      handled_by: 'ai',
      escalated_at: null,
      last_inbound_at: now,
    },
    lead: {
      id: 'preview',
      name: null,
      score: 50,
      classification: 'warm',
      origin_channel: parsed.data.channel,
      created_at: now,
    },
    connection: { mode: 'sandbox', status: 'connected', ai_enabled: true },
    latest_inbound: { id: sample.id, created_at: now },
    answered: false,
    inbound_count: 1,
    history: [sample],
  };
  const draft = await composeAiReply(context, { env, isLastAttempt: true });
  return {
    text: draft.text,
    generatedBy: draft.generatedBy,
    escalate: draft.escalate,
    escalationReason: draft.escalationReason,
    signals: draft.signals,
  };
}

import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import { AppError } from '@/src/shared/app-error';
import type { TenantContext } from '../tenants/resolve-tenant';

export type AiSettings = {
  system_prompt: string;
  response_style: string;
  model: string | null;
  max_tokens: number;
  escalation_keywords: string[];
  auto_escalate_after_messages: number | null;
  fallback_message: string;
  business_hours: {
    timezone?: string;
    weekly?: Partial<Record<string, [string, string][]>>;
    notes?: string;
  };
  knowledge: {
    services: { name: string; price?: string; duration?: string; description?: string }[];
    faqs: { question: string; answer: string }[];
  };
  /** Bytes of photos and PDFs sent to Claude with one reply (issue 16 §3). */
  media_turn_byte_budget: number;
  voice_without_transcript: 'ask_to_write' | 'hand_over';
  /** Claude or OpenAI answers (issue 17 §3); with fallback, the other one when it is down. */
  ai_provider: 'anthropic' | 'openai';
  ai_provider_fallback: boolean;
  updated_at: string;
};

export async function loadAiSettings(
  db: DbPort,
  staff: StaffIdentity,
  tenant: TenantContext,
): Promise<AiSettings> {
  const settings = await db.rpc('dashboard_ai_settings', { p_tenant_id: tenant.id }, { as: staff });
  // admin_create_tenant gives every tenant its settings row; the SQL still says it may be missing.
  if (!settings) throw new AppError('not_found', 'AI settings not found');
  return settings;
}

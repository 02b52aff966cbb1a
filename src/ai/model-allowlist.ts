import type { DbPort } from '@/src/db/rpc-port';
import type { AppEnv } from '@/src/env';
import { AppError } from '@/src/shared/app-error';

// The models a tenant may choose (issue 19), per provider (issue 17 §3): ANTHROPIC_MODELS or
// OPENAI_MODELS plus that provider's default model. The form refuses the others; SQL does too,
// from ai_model_allowlist, which syncModelAllowlist fills from these same lists when the app
// starts. A saved model later dropped from the list is not sent: the default answers instead.

export const aiMaxOutputTokens = 4096;
export const aiMaxPromptCharacters = 8000;

export const aiProviders = ['anthropic', 'openai'] as const;
export type AiProviderName = (typeof aiProviders)[number];

export function defaultModel(env: AppEnv, provider: AiProviderName = 'anthropic'): string {
  return provider === 'openai' ? env.OPENAI_MODEL : env.ANTHROPIC_MODEL;
}

export function allowedModels(env: AppEnv, provider: AiProviderName = 'anthropic'): string[] {
  const listed = provider === 'openai' ? env.OPENAI_MODELS : env.ANTHROPIC_MODELS;
  return [...new Set([defaultModel(env, provider), ...listed])];
}

export function isAllowedModel(env: AppEnv, model: string, provider: AiProviderName = 'anthropic'): boolean {
  return allowedModels(env, provider).includes(model);
}

/** The model a request is sent to: the tenant's choice while it is allowed, else the default. */
export function replyModel(
  env: AppEnv,
  chosen: string | null,
  provider: AiProviderName = 'anthropic',
): string {
  return chosen && isAllowedModel(env, chosen, provider) ? chosen : defaultModel(env, provider);
}

export async function syncModelAllowlist(
  db: DbPort,
  env: AppEnv,
): Promise<{ provider: string; models: string[] }[]> {
  const synced = [];
  for (const provider of aiProviders) {
    synced.push(
      await db.rpc('ai_sync_model_allowlist', {
        p_provider: provider,
        p_models: allowedModels(env, provider),
      }),
    );
  }
  return synced;
}

/**
 * The form's check (SQL checks again, against the saved provider): a chosen model must be on
 * the list of the provider chosen with it (without one, on either list); blank is the default.
 */
export function refuseUnlistedModel(
  env: AppEnv,
  patch: { model?: string; ai_provider?: AiProviderName },
): void {
  const providers = patch.ai_provider ? [patch.ai_provider] : aiProviders;
  if (patch.model && !providers.some((provider) => isAllowedModel(env, patch.model!, provider))) {
    throw new AppError('bad_request', 'Model not in the allowlist', {
      fields: ['model'],
      reason: 'model_not_allowed',
    });
  }
}

import type { DbPort } from '@/src/db/rpc-port';
import type { AppEnv } from '@/src/env';
import { AppError } from '@/src/shared/app-error';

// The models a tenant may choose (issue 19): ANTHROPIC_MODELS plus the default model. The form
// refuses the others; SQL does too, from ai_model_allowlist, which syncModelAllowlist fills from
// this same list when the app starts. A saved model later dropped from the list is not sent:
// the default answers instead.

export const aiMaxOutputTokens = 4096;
export const aiMaxPromptCharacters = 8000;

export function allowedModels(env: AppEnv): string[] {
  return [...new Set([env.ANTHROPIC_MODEL, ...env.ANTHROPIC_MODELS])];
}

export function isAllowedModel(env: AppEnv, model: string): boolean {
  return allowedModels(env).includes(model);
}

/** The model a request is sent to: the tenant's choice while it is allowed, else the default. */
export function replyModel(env: AppEnv, chosen: string | null): string {
  return chosen && isAllowedModel(env, chosen) ? chosen : env.ANTHROPIC_MODEL;
}

export function syncModelAllowlist(db: DbPort, env: AppEnv): Promise<{ provider: string; models: string[] }> {
  return db.rpc('ai_sync_model_allowlist', { p_provider: 'anthropic', p_models: allowedModels(env) });
}

/** The form's check (SQL checks again): a chosen model must be on the list; blank is the default. */
export function refuseUnlistedModel(env: AppEnv, patch: { model?: string }): void {
  if (patch.model && !isAllowedModel(env, patch.model)) {
    throw new AppError('bad_request', 'Model not in the allowlist', {
      fields: ['model'],
      reason: 'model_not_allowed',
    });
  }
}

import type { ResultOf } from '@/src/db/function-types';
import type { DbPort } from '@/src/db/rpc-port';
import type { AppEnv } from '@/src/env';
import { log } from '@/src/shared/logger';
import type { AiContext } from './ai-context';

// Before Claude is paid for an answer: the tenant's tokens this month against its budget, and
// this customer's AI answers today against the daily cap (both in the tenant's time zone, one
// read). A tenant's own limit wins over the deployment's default; 0 is no limit. Over either,
// the job answers without Claude and hands the conversation to a person, saying why.

export type SpendStatus = ResultOf<'ai_spend_status'>;

export const budgetExhaustedReason = 'Se agotó el presupuesto mensual de IA';
export const dailyCapReason = 'Este cliente llegó al límite diario de respuestas de la IA';
export const budgetWarningShare = 0.8;

export type SpendLimits = { monthlyTokenBudget: number; turnsPerCustomerPerDay: number };

export function spendLimits(
  status: Pick<SpendStatus, 'monthly_token_budget' | 'turns_per_customer_per_day'>,
  env: AppEnv,
): SpendLimits {
  return {
    monthlyTokenBudget: status.monthly_token_budget ?? env.AI_MONTHLY_TOKEN_BUDGET,
    turnsPerCustomerPerDay: status.turns_per_customer_per_day ?? env.AI_DAILY_TURNS_PER_CUSTOMER,
  };
}

/** Share of the month's budget used (0..), or undefined when there is no budget. */
export function budgetShare(used: number, budget: number): number | undefined {
  return budget > 0 ? used / budget : undefined;
}

/** Why Claude must not answer now, or undefined when it may. */
export function spendRefusal(status: SpendStatus, env: AppEnv): string | undefined {
  const limits = spendLimits(status, env);
  const share = budgetShare(status.tokens_this_month, limits.monthlyTokenBudget);
  if (share !== undefined && share >= 1) return budgetExhaustedReason;
  if (limits.turnsPerCustomerPerDay > 0 && status.customer_turns_today >= limits.turnsPerCustomerPerDay)
    return dailyCapReason;
  return undefined;
}

export async function checkAiSpend(db: DbPort, context: AiContext, env: AppEnv): Promise<string | undefined> {
  const status = await db.rpc('ai_spend_status', { p_conversation_id: context.conversation.id });
  const refusal = spendRefusal(status, env);
  const fields = { tenantId: context.tenant.id, conversationId: context.conversation.id };
  if (refusal) {
    log.warn('ai.spend_limit', {
      ...fields,
      limit: refusal === budgetExhaustedReason ? 'monthly_budget' : 'daily_turns',
    });
    return refusal;
  }
  const share = budgetShare(status.tokens_this_month, spendLimits(status, env).monthlyTokenBudget);
  if (share !== undefined && share >= budgetWarningShare) {
    log.warn('ai.budget_warning', { ...fields, percent: Math.floor(share * 100) });
  }
  return undefined;
}

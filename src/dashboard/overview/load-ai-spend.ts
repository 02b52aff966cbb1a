import { budgetShare, budgetWarningShare, spendLimits } from '@/src/ai/ai-budget';
import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import type { AppEnv } from '@/src/env';
import type { TenantContext } from '../tenants/resolve-tenant';

// This month's AI tokens against the tenant's budget (its own, or the deployment's default), for
// the overview: 'warning' from 80 %, 'exhausted' from 100 % (the AI then hands every new
// conversation to a person: src/ai/ai-budget.ts).

export type AiSpendSummary = {
  used: number;
  /** 0: no monthly limit. */
  budget: number;
  percent: number | null;
  answers: number;
  /** This month per provider (Claude, OpenAI), only those that answered. */
  byProvider: { provider: 'anthropic' | 'openai'; tokens: number; answers: number }[];
  state: 'unlimited' | 'ok' | 'warning' | 'exhausted';
};

export async function loadAiSpend(
  db: DbPort,
  staff: StaffIdentity,
  tenant: TenantContext,
  env: AppEnv,
): Promise<AiSpendSummary> {
  const spend = await db.rpc('dashboard_ai_spend', { p_tenant_id: tenant.id }, { as: staff });
  const budget = spendLimits({ ...spend, turns_per_customer_per_day: null }, env).monthlyTokenBudget;
  const share = budgetShare(spend.tokens_this_month, budget);
  return {
    used: spend.tokens_this_month,
    budget,
    percent: share === undefined ? null : Math.floor(share * 100),
    answers: spend.answers_this_month,
    byProvider: spend.by_provider,
    state:
      share === undefined
        ? 'unlimited'
        : share >= 1
          ? 'exhausted'
          : share >= budgetWarningShare
            ? 'warning'
            : 'ok',
  };
}

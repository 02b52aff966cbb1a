import { refuseUnlistedModel } from '@/src/ai/model-allowlist';
import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import { type AppEnv, getEnv } from '@/src/env';
import { log } from '@/src/shared/logger';
import type { TenantContext } from '../tenants/resolve-tenant';
import { type FormEntries, parseAiForm } from './ai-form';
import type { AiSettings } from './load-ai-settings';

export async function saveAiSettings(
  db: DbPort,
  staff: StaffIdentity,
  tenant: TenantContext,
  entries: FormEntries,
  env: AppEnv = getEnv(),
): Promise<AiSettings> {
  const patch = parseAiForm(entries);
  refuseUnlistedModel(env, patch);
  const saved = await db.rpc(
    'dashboard_update_ai_settings',
    { p_tenant_id: tenant.id, p_patch: patch },
    { as: staff },
  );
  log.info('dashboard.ai_settings_saved', { tenantId: tenant.id, fields: Object.keys(patch) });
  return saved;
}

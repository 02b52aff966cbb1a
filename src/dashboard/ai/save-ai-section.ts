import { refuseUnlistedModel } from '@/src/ai/model-allowlist';
import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import { type AppEnv, getEnv } from '@/src/env';
import { log } from '@/src/shared/logger';
import type { TenantContext } from '../tenants/resolve-tenant';
import { type AiSection, type FormEntries, parseAiSection } from './ai-form';
import type { AiSettings } from './load-ai-settings';

// One section of the AI page saved on its own: its patch names only its settings, and
// dashboard_update_ai_settings updates only the keys it is given, so the other sections (and
// unsaved edits in them) are left alone.
export async function saveAiSection(
  db: DbPort,
  staff: StaffIdentity,
  tenant: TenantContext,
  section: AiSection,
  entries: FormEntries,
  env: AppEnv = getEnv(),
): Promise<AiSettings> {
  const patch = parseAiSection(section, entries);
  refuseUnlistedModel(env, patch);
  const saved = await db.rpc(
    'dashboard_update_ai_settings',
    { p_tenant_id: tenant.id, p_patch: patch },
    { as: staff },
  );
  log.info('dashboard.ai_section_saved', { tenantId: tenant.id, section, fields: Object.keys(patch) });
  return saved;
}

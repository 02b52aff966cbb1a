import { z } from 'zod';
import { createApiKey } from '@/src/api/api-key';
import type { ResultOf } from '@/src/db/function-types';
import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import { AppError } from '@/src/shared/app-error';

// Admins make, list and revoke their business's API keys. The key is shown once, when made; the
// database keeps its sha256 and a prefix. A key acts with the membership of who made it.

export type ApiKeyRow = ResultOf<'dashboard_api_keys'>[number];
type Tenant = { id: string };

export function listApiKeys(db: DbPort, staff: StaffIdentity, tenant: Tenant): Promise<ApiKeyRow[]> {
  return db.rpc('dashboard_api_keys', { p_tenant_id: tenant.id }, { as: staff });
}

const createSchema = z.object({
  name: z.string().trim().min(1).max(80),
  scope: z.enum(['read', 'write']),
});

export async function createApiKeyAsStaff(
  db: DbPort,
  staff: StaffIdentity,
  tenant: Tenant,
  input: Record<string, unknown>,
): Promise<{ key: string; row: ApiKeyRow }> {
  const parsed = createSchema.safeParse(input);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((issue) => String(issue.path[0])))];
    throw new AppError('bad_request', `Invalid fields: ${fields.join(', ')}`, { fields });
  }
  const { key, keyHash, prefix } = createApiKey();
  const row = await db.rpc(
    'dashboard_create_api_key',
    {
      p_tenant_id: tenant.id,
      p_name: parsed.data.name,
      p_scope: parsed.data.scope,
      p_key_hash: keyHash,
      p_prefix: prefix,
    },
    { as: staff },
  );
  return { key, row };
}

export function revokeApiKey(db: DbPort, staff: StaffIdentity, tenant: Tenant, keyId: unknown) {
  const id = z.uuid().safeParse(keyId);
  if (!id.success) throw new AppError('not_found', 'API key not found');
  return db.rpc('dashboard_revoke_api_key', { p_tenant_id: tenant.id, p_key_id: id.data }, { as: staff });
}

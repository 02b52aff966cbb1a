import { z } from 'zod';
import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import { AppError } from '@/src/shared/app-error';
import { log } from '@/src/shared/logger';
import type { TenantContext } from '../tenants/resolve-tenant';
import { tagColors } from './tag-colors';

// The tenant's tag list (admins: create, rename, recolour, delete) and applying a tag to a
// conversation or a lead (staff). SQL checks the role, the tenant and unique names.

const optionalId = z.union([z.literal('').transform(() => null), z.uuid()]);
const saveSchema = z.object({
  tagId: optionalId.optional().transform((value) => value ?? null),
  name: z.string().trim().min(1).max(40),
  color: z.enum(tagColors),
});
const deleteSchema = z.object({ tagId: z.uuid() });
const setSchema = z.object({
  target: z.enum(['conversation', 'lead']),
  targetId: z.uuid(),
  tagId: z.uuid(),
  on: z.enum(['true', 'false']).transform((value) => value === 'true'),
});

export async function saveTag(db: DbPort, staff: StaffIdentity, tenant: TenantContext, input: unknown) {
  const parsed = saveSchema.safeParse(input);
  if (!parsed.success) {
    const field = String(parsed.error.issues[0]?.path[0] ?? 'name');
    throw new AppError('bad_request', 'Invalid tag', {
      reason: field === 'color' ? 'tag_color' : field === 'tagId' ? 'tag_not_found' : 'tag_name_length',
    });
  }
  const { tagId, name, color } = parsed.data;
  const tag = await db.rpc(
    'dashboard_save_tag',
    { p_tenant_id: tenant.id, p_tag_id: tagId, p_name: name, p_color: color },
    { as: staff },
  );
  log.info('dashboard.tag_saved', { tenantId: tenant.id, tagId: tag.id, created: tagId === null });
  return tag;
}

export async function deleteTag(db: DbPort, staff: StaffIdentity, tenant: TenantContext, input: unknown) {
  const parsed = deleteSchema.safeParse(input);
  if (!parsed.success) throw new AppError('not_found', 'Tag not found');
  const result = await db.rpc(
    'dashboard_delete_tag',
    { p_tenant_id: tenant.id, p_tag_id: parsed.data.tagId },
    { as: staff },
  );
  log.info('dashboard.tag_deleted', { tenantId: tenant.id, tagId: result.id });
  return result;
}

export async function setTag(db: DbPort, staff: StaffIdentity, tenant: TenantContext, input: unknown) {
  const parsed = setSchema.safeParse(input);
  if (!parsed.success) throw new AppError('bad_request', 'Invalid tag change', { reason: 'tag_not_found' });
  const { target, targetId, tagId, on } = parsed.data;
  const result = await db.rpc(
    'dashboard_set_tag',
    { p_tenant_id: tenant.id, p_target: target, p_target_id: targetId, p_tag_id: tagId, p_on: on },
    { as: staff },
  );
  log.info('dashboard.tag_applied', { tenantId: tenant.id, target, tagId, on });
  return result;
}

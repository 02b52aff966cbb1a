import { z } from 'zod';
import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import { AppError } from '@/src/shared/app-error';
import { log } from '@/src/shared/logger';
import type { TenantContext } from '../tenants/resolve-tenant';

// Saved answers (title + text), managed by admins; staff insert them in the reply box with "/".

const saveSchema = z.object({
  quickReplyId: z
    .union([z.literal('').transform(() => null), z.uuid()])
    .optional()
    .transform((value) => value ?? null),
  title: z.string().trim().min(1).max(60),
  body: z.string().trim().min(1).max(2000),
});
const deleteSchema = z.object({ quickReplyId: z.uuid() });

export async function saveQuickReply(
  db: DbPort,
  staff: StaffIdentity,
  tenant: TenantContext,
  input: unknown,
) {
  const parsed = saveSchema.safeParse(input);
  if (!parsed.success) {
    const field = String(parsed.error.issues[0]?.path[0] ?? 'title');
    if (field === 'quickReplyId') throw new AppError('not_found', 'Quick reply not found');
    throw new AppError('bad_request', 'Invalid quick reply', {
      reason: field === 'body' ? 'quick_reply_body_length' : 'quick_reply_title_length',
    });
  }
  const { quickReplyId, title, body } = parsed.data;
  const saved = await db.rpc(
    'dashboard_save_quick_reply',
    { p_tenant_id: tenant.id, p_quick_reply_id: quickReplyId, p_title: title, p_body: body },
    { as: staff },
  );
  log.info('dashboard.quick_reply_saved', { tenantId: tenant.id, quickReplyId: saved.id });
  return saved;
}

export async function deleteQuickReply(
  db: DbPort,
  staff: StaffIdentity,
  tenant: TenantContext,
  input: unknown,
) {
  const parsed = deleteSchema.safeParse(input);
  if (!parsed.success) throw new AppError('not_found', 'Quick reply not found');
  const result = await db.rpc(
    'dashboard_delete_quick_reply',
    { p_tenant_id: tenant.id, p_quick_reply_id: parsed.data.quickReplyId },
    { as: staff },
  );
  log.info('dashboard.quick_reply_deleted', { tenantId: tenant.id, quickReplyId: result.id });
  return result;
}

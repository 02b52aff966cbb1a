import { z } from 'zod';
import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import { AppError } from '@/src/shared/app-error';
import { log } from '@/src/shared/logger';
import { queueTemplateMessage } from '@/src/templates/queue-template-message';
import type { TenantContext } from '../tenants/resolve-tenant';

// Staff reply with a template once the 24 h window is closed: the template chosen as
// "name|language", each value as value_<field key> (header.nombre, body.fecha, …).

const formSchema = z.object({
  conversationId: z.uuid(),
  template: z.string().regex(/^[a-z0-9_]+\|[a-zA-Z_]+$/),
});

export async function sendTemplateReply(
  db: DbPort,
  staff: StaffIdentity,
  tenant: TenantContext,
  form: Record<string, string>,
) {
  const parsed = formSchema.safeParse(form);
  if (!parsed.success) {
    throw new AppError('bad_request', 'Choose a template', { reason: 'template_not_approved' });
  }
  const [name = '', language = ''] = parsed.data.template.split('|');
  const params = Object.fromEntries(
    Object.entries(form)
      .filter(([key]) => key.startsWith('value_'))
      .map(([key, value]) => [key.slice('value_'.length), value]),
  );
  const queued = await queueTemplateMessage(db, {
    tenantId: tenant.id,
    conversationId: parsed.data.conversationId,
    name,
    language,
    params,
    staff,
  });
  log.info('dashboard.template_reply_queued', {
    tenantId: tenant.id,
    conversationId: queued.conversation_id,
  });
  return queued;
}

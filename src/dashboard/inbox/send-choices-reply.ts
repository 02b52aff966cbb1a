import { z } from 'zod';
import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import type { Messages } from '@/src/i18n/messages-es';
import { AppError } from '@/src/shared/app-error';
import { log } from '@/src/shared/logger';
import type { TenantContext } from '../tenants/resolve-tenant';
import { checkStaffChoices, type StaffChoices } from './check-staff-choices';
import type { SentReply } from './send-reply';

// A staff reply with options to tap. The channel's limits are checked here, before anything is
// queued; send_human_choices then makes send_human_reply's checks (membership, window, text
// limit) and stores the options on the same message, in one call.

const conversationSchema = z.object({ conversationId: z.uuid() });

export async function queueStaffChoices(
  db: DbPort,
  staff: StaffIdentity,
  tenant: TenantContext,
  conversationId: string,
  reply: StaffChoices,
): Promise<SentReply> {
  const message = await db.rpc(
    'send_human_choices',
    {
      p_tenant_id: tenant.id,
      p_conversation_id: conversationId,
      p_user_id: staff.claims.sub,
      p_channel: reply.channel,
      p_text: reply.text,
      p_content: reply.content,
    },
    { as: staff },
  );
  log.info('dashboard.human_choices_queued', {
    tenantId: tenant.id,
    conversationId: message.conversation_id,
    style: reply.content.style,
    choices: reply.content.choices.length,
  });
  return message;
}

export async function sendChoicesReply(
  db: DbPort,
  staff: StaffIdentity,
  tenant: TenantContext,
  form: Record<string, string>,
  t: Messages['choices'],
): Promise<SentReply> {
  const conversation = conversationSchema.safeParse(form);
  if (!conversation.success) throw new AppError('bad_request', 'Invalid conversation id');
  const checked = checkStaffChoices(form, t);
  // The problems are the fields: the form shows each one under "Revisa estos campos".
  if (!checked.ok)
    throw new AppError('bad_request', 'The options do not fit the channel', { fields: checked.problems });
  return queueStaffChoices(db, staff, tenant, conversation.data.conversationId, checked.reply);
}

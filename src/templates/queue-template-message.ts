import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import { AppError } from '@/src/shared/app-error';
import { fillTemplate, type StoredTemplate } from './fill-template';

// Queue a WhatsApp template message: the approved template by name and language, filled with
// `params` (by field key, or a list in the template's order), stored with its send job in one
// call (send_template_message). Other features (appointment reminders, follow-ups) call this
// with a conversation or a phone number; staff go through the reply box with `staff`.

export type QueueTemplateInput = {
  tenantId: string;
  name: string;
  language: string;
  params: Record<string, string> | string[];
  /** The conversation to send in; or `phone` (digits) for the operator and features. */
  conversationId?: string;
  phone?: string;
  /** Staff sending from the dashboard: the message is theirs, checked as them. */
  staff?: StaffIdentity;
};

export type QueuedTemplateMessage = { id: string; conversation_id: string; text: string };

async function loadApproved(db: DbPort, input: QueueTemplateInput): Promise<StoredTemplate> {
  const { templates } = await db.rpc(
    'dashboard_whatsapp_templates',
    { p_tenant_id: input.tenantId },
    input.staff ? { as: input.staff } : undefined,
  );
  const template = templates.find(
    (row) => row.name === input.name && row.language === input.language && row.status === 'approved',
  );
  if (!template) {
    throw new AppError('bad_request', `The template ${input.name} (${input.language}) is not approved`, {
      reason: 'template_not_approved',
    });
  }
  return template;
}

export async function queueTemplateMessage(
  db: DbPort,
  input: QueueTemplateInput,
): Promise<QueuedTemplateMessage> {
  const template = await loadApproved(db, input);
  const filled = fillTemplate(template, input.params);
  if (!filled.ok) {
    const fields = [...filled.missing, ...filled.invalid];
    throw new AppError('bad_request', `Template values missing or invalid: ${fields.join(', ')}`, {
      fields,
      reason: filled.missing.length ? 'template_value_missing' : 'template_value_invalid',
    });
  }
  if (filled.text.length > 1024) {
    throw new AppError('bad_request', 'The filled-in template is longer than 1024 characters', {
      reason: 'template_too_long',
    });
  }
  const message = await db.rpc(
    'send_template_message',
    {
      p_tenant_id: input.tenantId,
      p_conversation_id: input.conversationId ?? null,
      p_phone: input.phone ?? null,
      p_user_id: input.staff ? input.staff.claims.sub : null,
      p_name: template.name,
      p_language: template.language,
      p_text: filled.text,
      p_components: filled.components,
    },
    input.staff ? { as: input.staff } : undefined,
  );
  return { id: message.id, conversation_id: message.conversation_id, text: message.text };
}

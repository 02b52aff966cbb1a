import { z } from 'zod';
import { AppError } from '@/src/shared/app-error';
import { queueTemplateMessage } from '@/src/templates/queue-template-message';
import type { CliContext, Command } from '../command';
import { listOption } from '../list-option';

// Send one WhatsApp message as the operator: an approved template (any time, also to a number
// that never wrote), or free text (only inside the 24 h window; refused with the reason after).
// The message is queued with its send job; the scheduler or `jobs process` sends it.

const phoneSchema = z.string().regex(/^\+?\d{8,15}$/, 'digits, with or without +');

async function tenantId(context: CliContext): Promise<string> {
  const tenant = await context.db.rpc('admin_get_tenant', { p_slug: String(context.values.tenant) });
  return tenant.id;
}

export const messageCommand: Command = {
  name: 'message',
  summary: 'Send a WhatsApp message (template or text)',
  subcommands: {
    send: {
      summary: 'Queue a WhatsApp template (--template) or free text (--text) to a phone number',
      usage:
        'message send --tenant S --to PHONE (--template NAME [--language es_MX] [--params "a,b,c"] | --text T)',
      options: {
        tenant: { type: 'string' },
        to: { type: 'string' },
        template: { type: 'string' },
        language: { type: 'string' },
        params: { type: 'string' },
        text: { type: 'string' },
      },
      required: ['tenant', 'to'],
      async run(context) {
        const { values, db, print } = context;
        const phone = phoneSchema.safeParse(values.to);
        if (!phone.success) throw new AppError('bad_request', `--to: ${phone.error.issues[0]?.message}`);
        const digits = phone.data.replace(/\D/g, '');
        const hasTemplate = typeof values.template === 'string';
        if (hasTemplate === (typeof values.text === 'string')) {
          throw new AppError('bad_request', 'give either --template or --text');
        }
        const tenant = await tenantId(context);
        if (hasTemplate) {
          const queued = await queueTemplateMessage(db, {
            tenantId: tenant,
            name: String(values.template),
            language: typeof values.language === 'string' ? values.language : 'es_MX',
            params: listOption(values.params) ?? [],
            phone: digits,
          });
          print(`Queued template ${values.template} to ${digits}: "${queued.text}"`, queued);
          return;
        }
        const message = await db.rpc('operator_send_text', {
          p_tenant_id: tenant,
          p_phone: digits,
          p_text: String(values.text),
        });
        print(`Queued text to ${digits}`, { id: message.id, conversation_id: message.conversation_id });
      },
    },
  },
};

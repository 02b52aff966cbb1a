import { createWhatsappTemplate } from '@/src/channels/whatsapp/create-whatsapp-template';
import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import type { AppEnv } from '@/src/env';
import { openAccessToken } from '@/src/outbound/connection-access-token';
import { AppError } from '@/src/shared/app-error';
import { log } from '@/src/shared/logger';
import { checkNewTemplate, type TemplateIssue } from '@/src/templates/new-template-schema';
import { sandboxWabaId } from '@/src/templates/sandbox-templates';
import { canAdminister, type TenantContext } from '../tenants/resolve-tenant';

// Create a template from the dashboard: Meta's limits checked first (issues come back as codes
// for the form), then POST /{waba_id}/message_templates, then the row stored as Meta answered
// (pending review). Sandbox connections have no Meta: the template is approved at once.

export class TemplateRefused extends Error {
  constructor(readonly issues: TemplateIssue[]) {
    super(`template refused: ${issues.map((issue) => issue.code).join(', ')}`);
    this.name = 'TemplateRefused';
  }
}

/** Examples come as lines "nombre=Ana" in the examples field, or as example_<param> fields. */
function examplesOf(form: Record<string, string>): Record<string, string> {
  const examples: Record<string, string> = {};
  for (const line of (form.examples ?? '').split(/\r?\n/)) {
    const at = line.indexOf('=');
    if (at > 0)
      examples[
        line
          .slice(0, at)
          .trim()
          .replace(/^\{\{|\}\}$/g, '')
      ] = line.slice(at + 1).trim();
  }
  for (const [key, value] of Object.entries(form)) {
    if (key.startsWith('example_')) examples[key.slice('example_'.length)] = value;
  }
  return examples;
}

export async function createTemplate(
  db: DbPort,
  env: AppEnv,
  staff: StaffIdentity,
  tenant: TenantContext,
  form: Record<string, string>,
) {
  if (!canAdminister(tenant)) throw new AppError('forbidden', 'Only owners and admins create templates');
  const checked = checkNewTemplate(form, examplesOf(form));
  if (!checked.ok) throw new TemplateRefused(checked.issues);
  const found = await db.rpc('template_connection', { p_tenant_id: tenant.id });
  if (!found.found) throw new AppError('bad_request', 'No WhatsApp connection', { reason: 'no_whatsapp' });
  const connection = found.connection;
  let answer: { template_id: string; status: string; category: string };
  let wabaId: string;
  if (connection.mode === 'sandbox') {
    wabaId = connection.business_account_id ?? sandboxWabaId;
    answer = {
      template_id: `sandbox-${checked.template.name}`,
      status: 'approved',
      category: checked.template.category,
    };
  } else {
    if (!connection.business_account_id) {
      throw new AppError('bad_request', 'No WhatsApp Business Account id', { reason: 'no_waba' });
    }
    const token = openAccessToken(env, tenant.id, 'whatsapp', connection.access_token_encrypted);
    if (!token) throw new AppError('bad_request', 'No usable access token', { reason: 'no_token' });
    wabaId = connection.business_account_id;
    answer = await createWhatsappTemplate(env, wabaId, token, checked.template);
  }
  const row = await db.rpc(
    'dashboard_save_whatsapp_template',
    {
      p_tenant_id: tenant.id,
      p_waba_id: wabaId,
      p_template: { ...checked.template, ...answer },
    },
    { as: staff },
  );
  log.info('templates.created', {
    tenantId: tenant.id,
    templateId: answer.template_id,
    status: answer.status,
  });
  return row;
}

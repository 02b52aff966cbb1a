import { syncTemplates } from '@/src/templates/sync-templates';
import type { CliContext, Command } from '../command';

// WhatsApp message templates: fetch them from Meta now, and list what is stored.

async function tenantId(context: CliContext): Promise<string> {
  const tenant = await context.db.rpc('admin_get_tenant', { p_slug: String(context.values.tenant) });
  return tenant.id;
}

export const templatesCommand: Command = {
  name: 'templates',
  summary: 'WhatsApp message templates (sync from Meta, list)',
  subcommands: {
    sync: {
      summary: "Fetch every template of the tenant's WhatsApp Business Account from Meta (all pages)",
      usage: 'templates sync --tenant S',
      options: { tenant: { type: 'string' } },
      required: ['tenant'],
      async run(context) {
        const result = await syncTemplates(context.db, context.env, await tenantId(context));
        const source = result.sandbox ? 'sandbox presets' : `${result.pages} page(s) from Meta`;
        context.print(
          `Synced ${result.upserted} template(s) (${source}); ${result.deleted} no longer listed, marked deleted${
            result.skipped ? `; ${result.skipped} unreadable, skipped` : ''
          }`,
          result,
        );
      },
    },
    list: {
      summary: 'The stored templates: name, language, category, status',
      usage: 'templates list --tenant S',
      options: { tenant: { type: 'string' } },
      required: ['tenant'],
      async run(context) {
        const { templates } = await context.db.rpc('dashboard_whatsapp_templates', {
          p_tenant_id: await tenantId(context),
        });
        const lines = templates.map(
          (row) =>
            `  ${row.name.padEnd(24)} ${row.language.padEnd(6)} ${row.category.padEnd(14)} ${row.status}${
              row.rejection_reason ? ` (${row.rejection_reason})` : ''
            }`,
        );
        context.print(lines.length ? lines.join('\n') : '  (no templates: run templates sync)', templates);
      },
    },
  },
};

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { importContacts, readImportFile } from '@/src/contacts/import-contacts';
import { parseMappingOption } from '@/src/contacts/parse-mapping-option';
import type { Command } from '../command';
import { stringOption } from '../string-option';

// Contacts: import a CSV (the previous provider's export or any spreadsheet) as leads.

export const contactsCommand: Command = {
  name: 'contacts',
  summary: 'Contacts (import a CSV as leads)',
  subcommands: {
    import: {
      summary:
        'Import a CSV: dry run first with --dry-run; columns guessed from the header unless --mapping "phone=Celular,name=Nombre"',
      usage: 'contacts import --tenant S --file F [--dry-run] [--mapping field=Column,…] [--country MX]',
      options: {
        tenant: { type: 'string' },
        file: { type: 'string' },
        'dry-run': { type: 'boolean' },
        mapping: { type: 'string' },
        country: { type: 'string' },
      },
      required: ['tenant', 'file'],
      async run(context) {
        const tenant = await context.db.rpc('admin_get_tenant', { p_slug: String(context.values.tenant) });
        const path = String(context.values.file);
        const bytes = new Uint8Array(readFileSync(path));
        const mappingOption = stringOption(context.values.mapping);
        const mapping = mappingOption
          ? parseMappingOption(mappingOption, readImportFile(bytes).headers)
          : undefined;
        const summary = await importContacts(context.db, {
          tenantId: tenant.id,
          fileName: basename(path),
          bytes,
          mapping,
          defaultCountry: (stringOption(context.values.country) ?? 'MX').toUpperCase(),
          dryRun: context.values['dry-run'] === true,
        });
        const mapped = Object.entries(summary.mapping)
          .map(([field, index]) => `${field}=${summary.headers[index ?? 0]}`)
          .join(', ');
        const lines = [
          `${summary.dryRun ? 'Dry run (nothing written)' : 'Imported'}: ${summary.rows} row(s), ${summary.contacts} contact(s) (${summary.mergedRows} duplicate row(s) merged)`,
          `  new ${summary.created}, matched and updated ${summary.updated}, unchanged ${summary.unchanged}, errors ${summary.errors.length}`,
          `  columns: ${mapped}; ${summary.encoding}, separator "${summary.delimiter}"`,
          ...summary.errors
            .slice(0, 50)
            .map((e) => `  row ${e.row}: ${e.reason}${e.value ? ` (${e.value})` : ''}`),
        ];
        context.print(lines.join('\n'), summary);
      },
    },
  },
};

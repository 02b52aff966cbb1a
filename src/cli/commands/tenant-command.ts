import type { Command } from '../command';
import { stringOption } from '../string-option';

export const tenantCommand: Command = {
  name: 'tenant',
  summary: 'Create and inspect tenants (businesses)',
  subcommands: {
    create: {
      summary: 'Create a tenant with default AI settings',
      usage: 'tenant create --slug S --name N [--timezone America/Mexico_City]',
      options: { slug: { type: 'string' }, name: { type: 'string' }, timezone: { type: 'string' } },
      required: ['slug', 'name'],
      async run({ db, values, print }) {
        const tenant = await db.rpc('admin_create_tenant', {
          p_slug: stringOption(values.slug),
          p_name: stringOption(values.name),
          p_timezone: stringOption(values.timezone),
        });
        print(`Created tenant ${tenant.slug} (${tenant.id})`, tenant);
      },
    },
    show: {
      summary: 'Show one tenant',
      usage: 'tenant show --slug S',
      options: { slug: { type: 'string' } },
      required: ['slug'],
      async run({ db, values, print }) {
        const tenant = await db.rpc('admin_get_tenant', { p_slug: stringOption(values.slug) });
        print(JSON.stringify(tenant, null, 2), tenant);
      },
    },
  },
};

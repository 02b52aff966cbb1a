import type { Command } from '../command';
import { stringOption } from '../string-option';

export const staffCommand: Command = {
  name: 'staff',
  summary: 'Give people access to a tenant',
  subcommands: {
    add: {
      summary: 'Add (or change the role of) a staff member',
      usage: 'staff add --tenant S --email E --role owner|admin|agent',
      options: { tenant: { type: 'string' }, email: { type: 'string' }, role: { type: 'string' } },
      required: ['tenant', 'email', 'role'],
      async run({ db, values, print }) {
        const member = await db.rpc('admin_add_staff_member', {
          p_tenant_slug: stringOption(values.tenant),
          p_email: stringOption(values.email),
          p_role: stringOption(values.role),
        });
        print(`${member.email} is now ${member.role} of ${values.tenant}`, member);
      },
    },
  },
};

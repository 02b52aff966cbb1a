import { createInvitationToken, invitationUrl } from '@/src/team/invitation-token';
import type { Command } from '../command';
import { stringOption } from '../string-option';

// `staff add` invites: the membership exists only once the invited person accepts, signed in
// with that address. (The demo seed makes its owner directly with admin_seed_staff_member,
// which only works on a local database.)
export const staffCommand: Command = {
  name: 'staff',
  summary: 'Invite people to a tenant',
  subcommands: {
    add: {
      summary: 'Invite a staff member (prints the link to send them; valid 7 days)',
      usage: 'staff add --tenant S --email E --role owner|admin|agent',
      options: { tenant: { type: 'string' }, email: { type: 'string' }, role: { type: 'string' } },
      required: ['tenant', 'email', 'role'],
      async run({ db, env, values, print }) {
        const { token, tokenHash } = createInvitationToken();
        const invitation = await db.rpc('admin_invite_staff_member', {
          p_tenant_slug: stringOption(values.tenant),
          p_email: stringOption(values.email),
          p_role: stringOption(values.role),
          p_token_hash: tokenHash,
        });
        const url = invitationUrl(env.APP_BASE_URL ?? `http://localhost:${env.PORT}`, token);
        print(
          `Invited ${invitation.email} as ${invitation.role} of ${values.tenant}. Send them this link ` +
            `(valid until ${invitation.expires_at}); they sign in with that address to accept:\n${url}`,
          { ...invitation, url },
        );
      },
    },
  },
};

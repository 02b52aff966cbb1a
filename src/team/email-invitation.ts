import { createSupabaseAdminClient } from '@/src/auth/supabase-admin-client';
import type { AppEnv } from '@/src/env';
import { log } from '@/src/shared/logger';

export type InvitationEmailOutcome = 'emailed' | 'existing_account' | 'not_configured' | 'failed';

// Deployed: Supabase Auth mails the invitation (inviteUserByEmail creates the account, unconfirmed).
// Its link must land on /auth/confirm with token_hash + type=invite (the invite template has to
// build it from {{ .RedirectTo }} and {{ .TokenHash }}: admin invites cannot use PKCE), then
// set-password, then our /invite/<token>. A person who already has an account gets no email from
// Supabase (email_exists): the inviter sends our link, and they sign in as usual to accept.
export async function emailInvitation(
  env: AppEnv,
  input: { email: string; invitationUrl: string },
  options: { fetch?: typeof fetch } = {},
): Promise<InvitationEmailOutcome> {
  if (env.appMode !== 'production' || !env.APP_BASE_URL) return 'not_configured';
  const admin = createSupabaseAdminClient(env, options);
  if (!admin) return 'not_configured';
  const redirect = new URL('/auth/confirm', env.APP_BASE_URL);
  redirect.searchParams.set('next', new URL(input.invitationUrl).pathname);
  const { error } = await admin.auth.admin.inviteUserByEmail(input.email, {
    redirectTo: redirect.toString(),
  });
  if (!error) return 'emailed';
  if (error.code === 'email_exists' || error.status === 422) return 'existing_account';
  log.warn('team.invitation_email_failed', { status: error.status, code: error.code });
  return 'failed';
}

import type { SupabaseClient } from '@supabase/supabase-js';
import type { StaffIdentity } from '@/src/db/rpc-port';

// Deployed mode: who is signed in, from the Supabase session cookie. The access token is
// verified with getClaims() (signature + expiry; never getSession().user), and that same token
// is what PostgREST will see. Tenancy is NOT read from the claims: tenant_members decides.
export async function readSupabaseStaffIdentity(supabase: SupabaseClient): Promise<StaffIdentity | null> {
  const { data: sessionData } = await supabase.auth.getSession();
  const accessToken = sessionData.session?.access_token;
  if (!accessToken) return null;
  const { data, error } = await supabase.auth.getClaims(accessToken);
  if (error || !data?.claims) return null;
  const claims = data.claims as Record<string, unknown>;
  if (typeof claims.sub !== 'string' || claims.role !== 'authenticated') return null;
  return {
    claims: {
      ...claims,
      sub: claims.sub,
      role: 'authenticated',
      ...(typeof claims.email === 'string' ? { email: claims.email } : {}),
    },
    accessToken,
  };
}

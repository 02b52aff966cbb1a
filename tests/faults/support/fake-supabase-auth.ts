import { type FakeUpstream, startFakeUpstream } from './fake-upstream';

// Supabase Auth (GoTrue) for the deployed sign-in paths: every password is wrong, magic links
// are "sent", codes and sessions are invalid.
export function startFakeSupabaseAuth(): Promise<FakeUpstream> {
  return startFakeUpstream(({ url }) => {
    if (url.startsWith('/auth/v1/token')) {
      return {
        status: 400,
        body: { code: 400, error_code: 'invalid_credentials', msg: 'Invalid login credentials' },
      };
    }
    if (url.startsWith('/auth/v1/otp')) return { status: 200, body: {} };
    if (url.startsWith('/auth/v1/.well-known/jwks.json')) return { status: 200, body: { keys: [] } };
    return { status: 401, body: { code: 401, error_code: 'bad_jwt', msg: 'invalid JWT' } };
  });
}

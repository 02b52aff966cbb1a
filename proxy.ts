import { type NextRequest, NextResponse } from 'next/server';
import { devSessionCookieName, openDevSession } from '@/src/auth/dev-session-cookie';
import { isSupabaseAuthConfigured } from '@/src/auth/supabase-server-client';
import { updateSupabaseSession } from '@/src/auth/update-supabase-session';
import { getEnv } from '@/src/env';
import { applySecurityHeaders, contentSecurityPolicy, newCspNonce } from '@/src/shared/security-headers';

// Next 16 proxy (was middleware.ts): keeps the Supabase session fresh where deployed and sends
// signed-out visitors of the dashboard to the sign-in page. Pages check the identity again;
// this is a convenience, not the security boundary.

function toLogin(request: NextRequest): NextResponse {
  const url = request.nextUrl.clone();
  url.pathname = '/login';
  url.search = '';
  return NextResponse.redirect(url);
}

// Next.js refuses a server action body over its 1 MB limit by throwing inside the action
// handler, which answers 500 and logs an error; a declared size over the limit is a 413 here.
const serverActionBodyLimit = 1_000_000;

function oversizedServerAction(request: NextRequest): boolean {
  if (request.method !== 'POST' || !request.headers.has('next-action')) return false;
  return Number(request.headers.get('content-length')) > serverActionBodyLimit;
}

// Every page answers with the security headers (src/shared/security-headers.ts), its CSP with a
// fresh nonce. The same CSP goes on the request, which route() passes on to the render: Next.js
// reads the nonce there and puts it on its scripts.
export async function proxy(request: NextRequest): Promise<NextResponse> {
  const env = getEnv();
  const nonce = newCspNonce();
  request.headers.set('Content-Security-Policy', contentSecurityPolicy(env, nonce));
  const response = await route(request);
  applySecurityHeaders(response.headers, env, nonce);
  return response;
}

/** Render the page with the request's headers as proxy() left them (the CSP with the nonce). */
function next(request: NextRequest): NextResponse {
  return NextResponse.next({ request: { headers: request.headers } });
}

async function route(request: NextRequest): Promise<NextResponse> {
  if (oversizedServerAction(request)) return new NextResponse('Payload Too Large', { status: 413 });
  const env = getEnv();
  const { pathname } = request.nextUrl;
  const protectedPath = pathname === '/t' || pathname.startsWith('/t/');
  if (env.appMode === 'production') {
    if (!isSupabaseAuthConfigured(env)) return protectedPath ? toLogin(request) : next(request);
    const { response, signedIn } = await updateSupabaseSession(env, request);
    if (!protectedPath || signedIn) return response;
    // The refresh may have rotated the session or cleared a dead one: the redirect carries that.
    const redirect = toLogin(request);
    for (const cookie of response.cookies.getAll()) redirect.cookies.set(cookie);
    return redirect;
  }
  if (protectedPath) {
    const value = request.cookies.get(devSessionCookieName)?.value;
    if (!env.ENCRYPTION_KEY || !openDevSession(value, env.ENCRYPTION_KEY)) return toLogin(request);
  }
  return next(request);
}

export const config = {
  matcher: ['/((?!api/|_next/static|_next/image|favicon.ico|.*\\.(?:svg|png|jpg|jpeg|gif|webp|ico)$).*)'],
};

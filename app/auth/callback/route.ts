import { type NextRequest, NextResponse } from 'next/server';
import { completeMagicLink } from '@/src/auth/magic-link';
import { getRequestCookies } from '@/src/auth/request-cookies';
import { getEnv } from '@/src/env';

// Where the magic link lands (deployed mode): the code becomes a session cookie, then the app.
export async function GET(request: NextRequest): Promise<NextResponse> {
  const env = getEnv();
  const ok =
    env.appMode === 'production' &&
    (await completeMagicLink(env, await getRequestCookies(), request.nextUrl.searchParams));
  const target = request.nextUrl.clone();
  target.search = ok ? '' : '?error=link';
  target.pathname = ok ? '/t' : '/login';
  return NextResponse.redirect(target);
}

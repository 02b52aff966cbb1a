import { type NextRequest, NextResponse } from 'next/server';
import type { AppEnv } from '@/src/env';
import { completeEmailLink } from './complete-email-link';
import type { CookieStore } from './cookie-store';

// The shared body of /auth/callback and /auth/confirm. Redirects are built on APP_BASE_URL (or
// the request's own origin), with a path we chose: never a host or URL from the link.
export async function answerEmailLink(
  env: AppEnv,
  cookies: CookieStore,
  request: NextRequest,
): Promise<NextResponse> {
  const outcome = await completeEmailLink(env, cookies, request.nextUrl.searchParams);
  const origin = env.APP_BASE_URL ? new URL(env.APP_BASE_URL).origin : request.nextUrl.origin;
  const path = outcome.ok
    ? outcome.path
    : `/login?error=${outcome.reason === 'state' ? 'link_browser' : 'link'}`;
  return NextResponse.redirect(new URL(path, origin), 303);
}

import type { NextRequest, NextResponse } from 'next/server';
import { answerEmailLink } from '@/src/auth/email-link-route';
import { getRequestCookies } from '@/src/auth/request-cookies';
import { getEnv } from '@/src/env';

// Where email links land (deployed mode): PKCE code or token_hash + type; see completeEmailLink.
export async function GET(request: NextRequest): Promise<NextResponse> {
  return answerEmailLink(getEnv(), await getRequestCookies(), request);
}

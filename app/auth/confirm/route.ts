import type { NextRequest, NextResponse } from 'next/server';
import { answerEmailLink } from '@/src/auth/email-link-route';
import { getRequestCookies } from '@/src/auth/request-cookies';
import { getEnv } from '@/src/env';

// The same landing under the path Supabase's server-side email templates use (/auth/confirm).
export async function GET(request: NextRequest): Promise<NextResponse> {
  return answerEmailLink(getEnv(), await getRequestCookies(), request);
}

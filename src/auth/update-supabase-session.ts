import { type NextRequest, NextResponse } from 'next/server';
import type { AppEnv } from '@/src/env';
import { createSupabaseServerClient } from './supabase-server-client';

// proxy.ts, deployed mode: refresh the Supabase session on every page request, writing new
// cookies to both the request (for this render) and the response (for the browser).
export async function updateSupabaseSession(
  env: AppEnv,
  request: NextRequest,
): Promise<{ response: NextResponse; signedIn: boolean }> {
  let response = NextResponse.next({ request });
  const pending: { name: string; value: string; options: Parameters<NextResponse['cookies']['set']>[2] }[] =
    [];
  const supabase = createSupabaseServerClient(
    env,
    {
      getAll: () => request.cookies.getAll().map(({ name, value }) => ({ name, value })),
      set: (name, value, options) => {
        request.cookies.set(name, value);
        pending.push({ name, value, options });
      },
    },
    {
      onHeaders: (headers) => {
        response = NextResponse.next({ request });
        for (const cookie of pending) response.cookies.set(cookie.name, cookie.value, cookie.options);
        for (const [key, value] of Object.entries(headers)) response.headers.set(key, value);
      },
    },
  );
  const { data } = await supabase.auth.getClaims();
  return { response, signedIn: Boolean(data?.claims?.sub) };
}

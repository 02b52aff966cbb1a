import type { EmailOtpType } from '@supabase/supabase-js';
import { z } from 'zod';
import type { AppEnv } from '@/src/env';
import { log } from '@/src/shared/logger';
import { authLinkStateMatches, clearAuthLinkState } from './auth-link-state';
import type { CookieStore } from './cookie-store';
import { safeNextPath } from './safe-next-path';
import { createSupabaseServerClient } from './supabase-server-client';

// Where every email link lands (/auth/callback and /auth/confirm): a PKCE `code`, or a
// `token_hash` + `type` verified with verifyOtp. The session goes to cookies; the answer is a
// path on our own origin (never a URL taken from the link).

const emailTypes = ['invite', 'recovery', 'magiclink', 'signup', 'email_change', 'email'] as const;
// Links a person asks for from our pages: they must come back to the browser that asked.
const requestedHere = new Set<string>(['recovery', 'magiclink', 'email']);

const linkSchema = z.union([
  z.object({ code: z.string().min(1).max(512) }),
  z.object({ token_hash: z.string().min(1).max(512), type: z.enum(emailTypes) }),
]);

export type EmailLinkOutcome =
  | { ok: true; path: string }
  | { ok: false; reason: 'invalid' | 'state' | 'refused' };

function landing(kind: string | null | undefined, next: string): string {
  if (kind === 'recovery') return '/auth/set-password?purpose=reset';
  if (kind === 'invite') return `/auth/set-password?purpose=invite&next=${encodeURIComponent(next)}`;
  return next;
}

export async function completeEmailLink(
  env: AppEnv,
  cookies: CookieStore,
  params: URLSearchParams,
  options: { fetch?: typeof fetch } = {},
): Promise<EmailLinkOutcome> {
  if (env.appMode !== 'production') return { ok: false, reason: 'refused' };
  const parsed = linkSchema.safeParse(Object.fromEntries(params));
  if (!parsed.success) return { ok: false, reason: 'invalid' };
  const next = safeNextPath(params.get('next'));
  const supabase = createSupabaseServerClient(env, cookies, options);
  if ('code' in parsed.data) {
    const { data, error } = await supabase.auth.exchangeCodeForSession(parsed.data.code);
    if (error) {
      log.warn('auth.code_exchange_failed', { status: error.status, code: error.code });
      return { ok: false, reason: 'refused' };
    }
    // auth-js tells a recovery code apart (its verifier was stored as "…/recovery"); older typings omit it.
    return { ok: true, path: landing((data as { redirectType?: string | null }).redirectType, next) };
  }
  const { token_hash, type } = parsed.data;
  if (requestedHere.has(type)) {
    if (!authLinkStateMatches(cookies, params.get('state'))) {
      log.warn('auth.link_state_mismatch', { type });
      return { ok: false, reason: 'state' };
    }
    clearAuthLinkState(cookies);
  }
  const { error } = await supabase.auth.verifyOtp({ token_hash, type: type as EmailOtpType });
  if (error) {
    log.warn('auth.verify_otp_failed', { status: error.status, code: error.code, type });
    return { ok: false, reason: 'refused' };
  }
  return { ok: true, path: landing(type, next) };
}

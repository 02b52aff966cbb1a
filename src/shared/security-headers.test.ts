import { describe, expect, it } from 'vitest';
import { parseEnv } from '@/src/env';
import { applySecurityHeaders, contentSecurityPolicy, newCspNonce } from './security-headers';

const scriptSrc = (csp: string) => csp.split('; ').find((directive) => directive.startsWith('script-src '));

describe('security headers', () => {
  it('forbid framing, name Supabase and the Facebook SDK origin, and leak no paths', () => {
    const env = parseEnv({
      APP_MODE: 'local',
      NEXT_PUBLIC_SUPABASE_URL: 'https://abcdefghij.supabase.co',
      FACEBOOK_SDK_URL: 'http://127.0.0.1:4545/sdk.js',
    });
    const csp = contentSecurityPolicy(env, 'bm9uY2U=');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toMatch(/script-src [^;]*http:\/\/127\.0\.0\.1:4545/);
    expect(csp).toMatch(
      /connect-src [^;]*https:\/\/abcdefghij\.supabase\.co wss:\/\/abcdefghij\.supabase\.co/,
    );
    const headers = new Headers();
    applySecurityHeaders(headers, env, 'bm9uY2U=');
    expect(headers.get('content-security-policy')).toBe(csp);
    expect(headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(headers.get('permissions-policy')).toContain('camera=()');
    expect(headers.get('x-frame-options')).toBe('DENY');
    expect(headers.get('strict-transport-security')).toBeNull();
  });

  it('run scripts by nonce and strict-dynamic, never inline code; eval only in development', () => {
    const production = parseEnv({ APP_MODE: 'local', NODE_ENV: 'production' });
    const script = scriptSrc(contentSecurityPolicy(production, 'bm9uY2U='));
    expect(script).toBe("script-src 'self' 'nonce-bm9uY2U=' 'strict-dynamic' https://connect.facebook.net");
    expect(script).not.toContain("'unsafe-inline'");
    expect(script).not.toContain("'unsafe-eval'");
    const development = parseEnv({ APP_MODE: 'local', NODE_ENV: 'development' });
    expect(scriptSrc(contentSecurityPolicy(development, 'bm9uY2U='))).toBe(
      "script-src 'self' 'nonce-bm9uY2U=' 'strict-dynamic' 'unsafe-eval' https://connect.facebook.net",
    );
  });

  it('make a fresh nonce each time: 16 random bytes in base64, which Next.js reads back', () => {
    const nonces = new Set(Array.from({ length: 50 }, () => newCspNonce()));
    expect(nonces.size).toBe(50);
    for (const nonce of nonces) {
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(Buffer.from(nonce, 'base64')).toHaveLength(16);
    }
    // The pattern Next.js uses to find the nonce in the request's CSP (get-script-nonce-from-header).
    const csp = contentSecurityPolicy(parseEnv({ APP_MODE: 'local' }), [...nonces][0]!);
    const source = scriptSrc(csp)!
      .split(' ')
      .find((item) => item.startsWith("'nonce-"));
    expect(source).toMatch(/^'nonce-([A-Za-z0-9+/_-]+={0,2})'$/);
  });
});

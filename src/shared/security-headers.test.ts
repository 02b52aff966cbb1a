import { describe, expect, it } from 'vitest';
import { parseEnv } from '@/src/env';
import { applySecurityHeaders, contentSecurityPolicy } from './security-headers';

describe('security headers', () => {
  it('forbid framing, name Supabase and the Facebook SDK origin, and leak no paths', () => {
    const env = parseEnv({
      APP_MODE: 'local',
      NEXT_PUBLIC_SUPABASE_URL: 'https://abcdefghij.supabase.co',
      FACEBOOK_SDK_URL: 'http://127.0.0.1:4545/sdk.js',
    });
    const csp = contentSecurityPolicy(env);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toMatch(/script-src [^;]*http:\/\/127\.0\.0\.1:4545/);
    expect(csp).toMatch(
      /connect-src [^;]*https:\/\/abcdefghij\.supabase\.co wss:\/\/abcdefghij\.supabase\.co/,
    );
    const headers = new Headers();
    applySecurityHeaders(headers, env);
    expect(headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(headers.get('permissions-policy')).toContain('camera=()');
    expect(headers.get('x-frame-options')).toBe('DENY');
    expect(headers.get('strict-transport-security')).toBeNull();
  });
});

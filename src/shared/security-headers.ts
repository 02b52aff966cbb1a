import type { AppEnv } from '@/src/env';

// Headers every page carries (set by proxy.ts). The CSP allows our own origin, Supabase
// (REST, Auth, Realtime over wss) and the Facebook SDK's origin (FACEBOOK_SDK_URL: Meta in
// production, the fake in tests) with Meta's login frames. Scripts still allow inline code:
// Next.js' App Router inlines its bootstrap; a per-request nonce is the next step.

function origin(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

export function contentSecurityPolicy(env: AppEnv): string {
  const supabase = origin(env.NEXT_PUBLIC_SUPABASE_URL);
  const sdk = origin(env.FACEBOOK_SDK_URL);
  const realtime = supabase?.replace(/^http/, 'ws') ?? null;
  const dev = env.NODE_ENV !== 'production';
  const list = (...items: (string | null | false)[]) => items.filter(Boolean).join(' ');
  return [
    `default-src 'self'`,
    `script-src ${list(`'self'`, `'unsafe-inline'`, dev && `'unsafe-eval'`, sdk)}`,
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' data: blob: https:`,
    `font-src 'self' data:`,
    `connect-src ${list(`'self'`, supabase, realtime, sdk, 'https://*.facebook.com', 'https://graph.facebook.com')}`,
    `frame-src ${list(sdk, 'https://*.facebook.com')}`,
    `frame-ancestors 'none'`,
    `base-uri 'self'`,
    `object-src 'none'`,
  ].join('; ');
}

export function applySecurityHeaders(headers: Headers, env: AppEnv): void {
  headers.set('Content-Security-Policy', contentSecurityPolicy(env));
  headers.set('X-Frame-Options', 'DENY');
  headers.set('X-Content-Type-Options', 'nosniff');
  // Invitation links carry their token in the path: never send it to another site.
  headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
  headers.set(
    'Permissions-Policy',
    'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
  );
  if (env.appMode === 'production')
    headers.set('Strict-Transport-Security', 'max-age=63072000; includeSubDomains');
}

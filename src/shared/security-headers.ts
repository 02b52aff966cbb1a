import type { AppEnv } from '@/src/env';

// Headers every page carries (set by proxy.ts). The CSP allows our own origin, Supabase
// (REST, Auth, Realtime over wss) and the Facebook SDK's origin (FACEBOOK_SDK_URL: Meta in
// production, the fake in tests) with Meta's login frames.
//
// Scripts run only with this request's nonce: proxy.ts makes one per request and puts the CSP on
// the request too, where Next.js reads it and puts the nonce on its own scripts (bootstrap,
// chunks, the inline flight data). That needs every page rendered per request (app/layout.tsx).
// 'strict-dynamic' lets a script that carries the nonce add others: Next's chunk loader, and the
// Facebook SDK that the channels page appends (facebook-sdk.ts) and the scripts the SDK adds in
// turn. Browsers that know 'strict-dynamic' then ignore 'self' and the SDK origin; those are
// there for older ones that know nonces only.

function origin(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/** 16 random bytes in base64: a new one for every page request, never reused. */
export function newCspNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

export function contentSecurityPolicy(env: AppEnv, nonce: string): string {
  const supabase = origin(env.NEXT_PUBLIC_SUPABASE_URL);
  const sdk = origin(env.FACEBOOK_SDK_URL);
  const realtime = supabase?.replace(/^http/, 'ws') ?? null;
  // React's development build uses eval (server error stacks in the browser); production never.
  const dev = env.NODE_ENV !== 'production';
  const list = (...items: (string | null | false)[]) => items.filter(Boolean).join(' ');
  return [
    `default-src 'self'`,
    `script-src ${list(`'self'`, `'nonce-${nonce}'`, `'strict-dynamic'`, dev && `'unsafe-eval'`, sdk)}`,
    // Styles may stay inline: Next.js renders style="" attributes (its built-in error pages) and
    // inline <style> in development, and a nonce never covers attributes (a nonce here would also
    // switch 'unsafe-inline' off). Tailwind's CSS is a file from 'self'. Inline CSS runs no script.
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' data: blob: https:`,
    `font-src 'self' data:`,
    // Voice notes and videos customers sent: served by the app, or (Supabase) by a signed link.
    `media-src ${list(`'self'`, 'blob:', supabase)}`,
    `connect-src ${list(`'self'`, supabase, realtime, sdk, 'https://*.facebook.com', 'https://graph.facebook.com')}`,
    `frame-src ${list(sdk, 'https://*.facebook.com')}`,
    // The Web Push service worker (/sw.js); without it workers would follow script-src's nonce.
    `worker-src 'self'`,
    `frame-ancestors 'none'`,
    `base-uri 'self'`,
    `object-src 'none'`,
  ].join('; ');
}

export function applySecurityHeaders(headers: Headers, env: AppEnv, nonce: string): void {
  headers.set('Content-Security-Policy', contentSecurityPolicy(env, nonce));
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

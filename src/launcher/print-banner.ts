import type { AppEnv } from '@/src/env';
import { demoTenant } from '@/src/tenants/demo-tenant';

// What a newcomer needs after `npm run dev`, briefly: where to sign in and as whom, which brain
// answers, which database, and where the signed curl example is (the README, not 600
// characters of JSON here).

/** A database URL without its password, unless it is the embedded server's public default. */
function shownDatabaseUrl(url: string | undefined, embedded: boolean): string {
  if (!url) return 'Supabase (HTTP)';
  if (embedded) return url;
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'configured (DATABASE_URL)';
  }
}

export function banner(env: AppEnv, embedded: boolean): string {
  // Local mode listens on 127.0.0.1 only (the launcher), so that is the address to open.
  const base =
    env.APP_BASE_URL ?? `http://${env.appMode === 'local' ? '127.0.0.1' : 'localhost'}:${env.PORT}`;
  const ai = env.ANTHROPIC_API_KEY
    ? `Claude (${env.ANTHROPIC_MODEL})`
    : 'offline responder: FAQ answers and the fallback message (set ANTHROPIC_API_KEY for Claude)';
  const lines = ['', `  Inbox AI, ${env.appMode} mode`, `  Sign in:   ${base}/login`];
  if (env.appMode === 'local')
    lines.push(`             as ${demoTenant.ownerEmail} (demo clinic ${demoTenant.slug})`);
  lines.push(
    `  AI:        ${ai}`,
    `  Database:  ${shownDatabaseUrl(env.DATABASE_URL, embedded)}${embedded ? ' (embedded PostgreSQL)' : ''}`,
  );
  if (env.appMode === 'local') {
    lines.push(
      `  Try it:    README.md › "Try it with curl" (a signed WhatsApp message to ${base}/api/webhook/whatsapp/${demoTenant.slug}),`,
      '             or the Simulator page, or: npm run cli -- webhook send --channel whatsapp --tenant esva-dental --text "Hola"',
    );
  }
  return `${lines.join('\n')}\n`;
}

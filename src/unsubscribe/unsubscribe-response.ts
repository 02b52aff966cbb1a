import type { DbPort } from '@/src/db/rpc-port';
import type { AppEnv } from '@/src/env';
import { unsubscribeEs } from '@/src/i18n/unsubscribe-es';
import { log } from '@/src/shared/logger';
import { openUnsubscribeToken, unsubscribeTokenSchema } from './unsubscribe-token';

// /api/unsubscribe/<token>, no login (RFC 8058). GET: a plain page with a button that POSTs,
// because mail scanners follow links and must not unsubscribe anyone. POST: the mail client's
// one-click ("List-Unsubscribe=One-Click") or that button; opts the lead out, idempotently,
// answering the same 200 whether or not the lead still exists. A malformed token is 400, a
// forged one 403 (JSON, for clients; the button's browser gets the page).

const text = unsubscribeEs;

function refusal(status: 400 | 403, code: string, message: string): Response {
  return Response.json({ error: { code, message } }, { status });
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(body: string, status = 200): Response {
  const html = `<!doctype html><html lang="es"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(text.title)}</title></head><body style="font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;line-height:1.5"><h1 style="font-size:1.4rem">${escapeHtml(text.title)}</h1>${body}</body></html>`;
  return new Response(html, {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
  });
}

function target(token: string, env: AppEnv) {
  if (!unsubscribeTokenSchema.safeParse(token).success) return 'malformed' as const;
  const opened = env.ENCRYPTION_KEY ? openUnsubscribeToken(token, env.ENCRYPTION_KEY) : null;
  return opened ?? ('forged' as const);
}

export function unsubscribePage(token: string, env: AppEnv): Response {
  if (typeof target(token, env) === 'string') return page(`<p>${escapeHtml(text.invalid)}</p>`, 400);
  return page(
    `<p>${escapeHtml(text.ask)}</p><form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit" style="font-size:1rem;padding:.75rem 1rem;width:100%">${escapeHtml(text.button)}</button></form>`,
  );
}

export async function unsubscribe(
  token: string,
  request: Request,
  deps: { db: DbPort; env: AppEnv },
): Promise<Response> {
  const found = target(token, deps.env);
  if (found === 'malformed') return refusal(400, 'bad_request', 'malformed unsubscribe token');
  if (found === 'forged') return refusal(403, 'invalid_token', 'invalid unsubscribe token');
  const result = await deps.db.rpc('unsubscribe_lead', {
    p_tenant_id: found.tenantId,
    p_lead_id: found.leadId,
  });
  log.info('unsubscribe.done', { tenantId: found.tenantId, leadId: found.leadId, added: result.added });
  if ((request.headers.get('accept') ?? '').includes('text/html'))
    return page(`<p>${escapeHtml(text.done)}</p>`);
  return Response.json({ ok: true });
}

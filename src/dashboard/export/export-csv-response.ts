import { z } from 'zod';
import type { CookieStore } from '@/src/auth/cookie-store';
import { readStaffIdentity } from '@/src/auth/read-staff-identity';
import type { DbPort } from '@/src/db/rpc-port';
import type { AppEnv } from '@/src/env';
import type { Messages } from '@/src/i18n/messages-es';
import { AppError } from '@/src/shared/app-error';
import { errorResponse } from '@/src/shared/error-response';
import { log } from '@/src/shared/logger';
import { resolveTenant } from '../tenants/resolve-tenant';
import { csvLine, utf8Bom } from './csv-line';
import { exportPages } from './export-pages';

// GET /api/t/<tenant>/export/<leads|conversations>?<the list's filters>: the signed-in member's
// download, streamed page by page. No session: 401. Not a member (or no such tenant): 404, the
// same answer, so a slug reveals nothing. The first page is read before answering, so a refusal
// is a proper status rather than a broken download.

const kindSchema = z.enum(['leads', 'conversations']);

export async function exportCsvResponse(
  request: Request,
  route: { tenantSlug: string; kind: string },
  deps: { db: DbPort; env: AppEnv; cookies: CookieStore; t: Messages },
): Promise<Response> {
  try {
    const kind = kindSchema.safeParse(route.kind);
    if (!kind.success) throw new AppError('not_found', 'Unknown export');
    const staff = await readStaffIdentity(deps.env, deps.cookies);
    if (!staff) throw new AppError('unauthorized', 'Sign in to download');
    const tenant = await resolveTenant(deps.db, staff, route.tenantSlug);
    const query = Object.fromEntries(new URL(request.url).searchParams);
    const { header, file, pages } = exportPages(kind.data, deps.db, staff, tenant, query, deps.t);
    const first = await pages.next();
    const encoder = new TextEncoder();
    let rows = 0;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode(utf8Bom + csvLine(header)));
        if (!first.done) {
          rows += first.value.length;
          controller.enqueue(encoder.encode(first.value.map(csvLine).join('')));
        }
      },
      async pull(controller) {
        if (first.done) return controller.close();
        const page = await pages.next();
        if (page.done) {
          log.info('dashboard.export_done', { tenant_id: tenant.id, kind: kind.data, rows });
          return controller.close();
        }
        rows += page.value.length;
        controller.enqueue(encoder.encode(page.value.map(csvLine).join('')));
      },
      async cancel() {
        await pages.return(undefined);
      },
    });
    const day = new Date().toISOString().slice(0, 10);
    return new Response(body, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${file}-${tenant.slug}-${day}.csv"`,
        'cache-control': 'no-store',
      },
    });
  } catch (error) {
    return errorResponse(error, { route: 'dashboard.export', kind: route.kind });
  }
}

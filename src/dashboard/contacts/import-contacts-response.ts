import { z } from 'zod';
import type { CookieStore } from '@/src/auth/cookie-store';
import { readStaffIdentity } from '@/src/auth/read-staff-identity';
import { contactFields } from '@/src/contacts/contact-fields';
import { importContacts, maxImportBytes } from '@/src/contacts/import-contacts';
import { knownCountry } from '@/src/contacts/normalise-phone';
import type { DbPort } from '@/src/db/rpc-port';
import type { AppEnv } from '@/src/env';
import { AppError } from '@/src/shared/app-error';
import { errorResponse } from '@/src/shared/error-response';
import { resolveTenant } from '../tenants/resolve-tenant';

// POST /api/t/<tenant>/contacts/import (multipart: file, mapping JSON, country, dry_run): the
// import page's dry run and apply, answered as JSON. A route rather than a server action: a
// 10,000-row CSV is over a server action's 1 MB body limit. No session: 401; not a member: 404;
// an agent: 403; a bad form: 400 with the field.

const formSchema = z.object({
  mapping: z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'mapping must be JSON' });
        return z.NEVER;
      }
    })
    .pipe(z.partialRecord(z.enum(contactFields), z.number().int().min(0).max(200))),
  country: z.string().refine(knownCountry, 'unknown country'),
  dry_run: z.enum(['true', 'false']).transform((value) => value === 'true'),
});

export async function importContactsResponse(
  request: Request,
  route: { tenantSlug: string },
  deps: { db: DbPort; env: AppEnv; cookies: CookieStore },
): Promise<Response> {
  try {
    const staff = await readStaffIdentity(deps.env, deps.cookies);
    if (!staff) throw new AppError('unauthorized', 'Sign in to import contacts');
    const tenant = await resolveTenant(deps.db, staff, route.tenantSlug);
    const data = await request.formData().catch(() => {
      throw new AppError('bad_request', 'The body must be multipart form data', { reason: 'not_a_form' });
    });
    const file = data.get('file');
    if (!(file instanceof File))
      throw new AppError('bad_request', 'Attach the CSV as "file"', { field: 'file' });
    if (file.size > maxImportBytes) {
      throw new AppError('payload_too_large', 'The file is larger than 8 MB', { reason: 'file_too_large' });
    }
    const form = formSchema.safeParse(
      Object.fromEntries(['mapping', 'country', 'dry_run'].map((k) => [k, data.get(k)])),
    );
    if (!form.success) {
      throw new AppError(
        'bad_request',
        `Invalid import form: ${form.error.issues.map((i) => i.path.join('.')).join(', ')}`,
      );
    }
    const summary = await importContacts(
      deps.db,
      {
        tenantId: tenant.id,
        fileName: file.name.slice(0, 200) || 'contactos.csv',
        bytes: new Uint8Array(await file.arrayBuffer()),
        mapping: form.data.mapping,
        defaultCountry: form.data.country,
        dryRun: form.data.dry_run,
      },
      staff,
    );
    return Response.json(summary, { headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    return errorResponse(error, { route: 'dashboard.contacts_import' });
  }
}

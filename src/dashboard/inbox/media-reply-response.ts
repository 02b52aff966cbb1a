import { z } from 'zod';
import type { CookieStore } from '@/src/auth/cookie-store';
import { readStaffIdentity } from '@/src/auth/read-staff-identity';
import type { DbPort } from '@/src/db/rpc-port';
import type { AppEnv } from '@/src/env';
import type { Messages } from '@/src/i18n/messages-es';
import { maxUploadBytes } from '@/src/media/outbound-media-rules';
import { AppError } from '@/src/shared/app-error';
import { errorResponse } from '@/src/shared/error-response';
import { appErrorReason } from '../app-error-code';
import { resolveTenant } from '../tenants/resolve-tenant';
import { sendMediaReply } from './send-media-reply';

// POST /api/t/<tenant>/conversations/<id>/media (multipart: file, caption): the reply box's
// upload, a route rather than a server action so the browser can show the upload's progress.
// No session: 401; not a member or not this tenant's conversation: 404. A refusal answers its
// status with { error: { code, reason, message } }, the message in the member's language.

const formSchema = z.object({
  file: z.instanceof(File).nullable(),
  caption: z.string().nullable(),
});

// The form's own fields and boundaries add a little to the file.
const maxBodyBytes = maxUploadBytes + 64 * 1024;

export async function mediaReplyResponse(
  request: Request,
  route: { tenantSlug: string; conversationId: string },
  deps: {
    db: DbPort;
    env: AppEnv;
    cookies: CookieStore;
    t: Messages;
    afterQueued: (tenantId: string) => void;
  },
): Promise<Response> {
  try {
    const staff = await readStaffIdentity(deps.env, deps.cookies);
    if (!staff) throw new AppError('unauthorized', 'Sign in to send files');
    const tenant = await resolveTenant(deps.db, staff, route.tenantSlug);
    if (Number(request.headers.get('content-length')) > maxBodyBytes) {
      throw new AppError('payload_too_large', 'The file is too big', { reason: 'media_too_big' });
    }
    const data = await request.formData().catch(() => {
      throw new AppError('bad_request', 'Send the file as multipart/form-data', {
        reason: 'media_file_invalid',
      });
    });
    const file = data.get('file');
    const caption = data.get('caption');
    const form = formSchema.parse({
      file: file instanceof File ? file : null,
      caption: typeof caption === 'string' ? caption : null,
    });
    const message = await sendMediaReply(deps.db, staff, tenant, deps.env, {
      conversationId: route.conversationId,
      caption: form.caption,
      file: form.file,
    });
    deps.afterQueued(tenant.id);
    return Response.json({ message, notice: deps.t.mediaSend.queued }, { status: 201 });
  } catch (error) {
    const reason = appErrorReason(error);
    const text = reason ? deps.t.mediaSend.reasons[reason] : undefined;
    if (text && error instanceof Error && 'status' in error) {
      const status = (error as AppError).status;
      return Response.json({ error: { code: (error as AppError).code, reason, message: text } }, { status });
    }
    return errorResponse(error, { route: 'dashboard.media_reply' });
  }
}

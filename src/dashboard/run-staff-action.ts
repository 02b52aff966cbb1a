import { unstable_rethrow } from 'next/navigation';
import { requireStaff } from '@/src/auth/require-staff';
import { getDb } from '@/src/db/get-db';
import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import { type AppEnv, getEnv } from '@/src/env';
import { getMessages } from '@/src/i18n/get-messages';
import type { Messages } from '@/src/i18n/messages-es';
import { log } from '@/src/shared/logger';
import type { ActionState } from '@/src/ui/action-state';
import { appErrorCode, appErrorFields, appErrorReason } from './app-error-code';
import { resolveTenant, type TenantContext } from './tenants/resolve-tenant';

// The shape of every dashboard server action: the signed-in member, the tenant named in the form
// (only if they belong to it), the form as plain strings, and errors turned into safe, localised
// text. Unknown errors are logged with context and shown as a generic message.

export type StaffActionContext = {
  db: DbPort;
  staff: StaffIdentity;
  tenant: TenantContext;
  env: AppEnv;
  t: Messages;
  form: Record<string, string>;
};

function formEntries(data: FormData): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const [key, value] of data.entries()) {
    if (typeof value === 'string' && !key.startsWith('$ACTION')) entries[key] = value;
  }
  return entries;
}

export async function runStaffAction(
  data: FormData,
  work: (
    context: StaffActionContext,
  ) => Promise<string | { notice: string; lines?: string[]; data?: Record<string, unknown> }>,
  options: {
    fieldLabels?: (t: Messages) => Record<string, string>;
    conflict?: (t: Messages) => string;
    /** Texts for the reason codes our SQL attaches to a refusal (src/db/sql-error-reason.ts). */
    reasons?: (t: Messages) => Record<string, string>;
  } = {},
): Promise<ActionState> {
  const t = await getMessages();
  const form = formEntries(data);
  try {
    const staff = await requireStaff();
    const db = getDb();
    const tenant = await resolveTenant(db, staff, form.tenantSlug);
    const done = await work({ db, staff, tenant, env: getEnv(), t, form });
    return typeof done === 'string' ? { status: 'ok', notice: done } : { status: 'ok', ...done };
  } catch (error) {
    unstable_rethrow(error);
    const code = appErrorCode(error);
    if (code) {
      const fields = appErrorFields(error).map((field) => options.fieldLabels?.(t)[field] ?? field);
      const reason = appErrorReason(error);
      const explained = reason ? options.reasons?.(t)[reason] : undefined;
      const message = explained
        ? explained
        : code === 'conflict' && options.conflict
          ? options.conflict(t)
          : fields.length > 0
            ? t.errors.invalidFields
            : ((t.errors as Record<string, string | undefined>)[code] ?? t.errors.generic);
      log.warn('dashboard.action_refused', { code, reason, error: (error as Error).message });
      return { status: 'error', message, fields: explained ? [] : fields };
    }
    log.error('dashboard.action_failed', { error });
    return { status: 'error', message: t.errors.generic, fields: [] };
  }
}

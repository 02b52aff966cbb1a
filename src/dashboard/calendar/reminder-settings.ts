import type { ResultOf } from '@/src/db/function-types';
import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import { AppError } from '@/src/shared/app-error';
import type { TenantContext } from '../tenants/resolve-tenant';

// The "Recordatorios y seguimientos" section of the calendar settings: read as any member,
// saved by an admin (SQL refuses agents). Hours are typed as "24, 2"; reminders are stored in
// minutes so "0.5" (half an hour before) works too.

export type ReminderSettings = ResultOf<'dashboard_reminder_settings'>;

export function loadReminderSettings(
  db: DbPort,
  staff: StaffIdentity,
  tenant: TenantContext,
): Promise<ReminderSettings> {
  return db.rpc('dashboard_reminder_settings', { p_tenant_id: tenant.id }, { as: staff });
}

/** "24, 2" → [24, 2]; null when a part is not a positive number. */
export function parseHoursList(text: string): number[] | null {
  if (text.trim() === '') return [];
  const parts = text.split(/[,;\s]+/).filter(Boolean);
  const hours = parts.map((part) => Number(part.replace(',', '.')));
  return hours.every((h) => Number.isFinite(h) && h > 0) ? hours : null;
}

/** [1440, 120] → "24, 2" (hours, as staff type them). */
export function formatHoursList(values: number[], unitMinutes: number): string {
  return values.map((value) => String(Math.round((value * unitMinutes) / 6) / 10)).join(', ');
}

export async function saveReminderSettings(
  db: DbPort,
  staff: StaffIdentity,
  tenant: TenantContext,
  form: Record<string, string>,
): Promise<ReminderSettings> {
  const offsets = parseHoursList(form.reminder_offsets ?? '');
  const steps = parseHoursList(form.follow_up_hours ?? '');
  const bad = [
    ...(offsets && offsets.length <= 5 && offsets.every((h) => h * 60 <= 20160)
      ? []
      : ['reminder_offsets_minutes']),
    ...(steps && steps.length >= 1 && steps.length <= 5 && steps.every((h) => Number.isInteger(h) && h <= 720)
      ? []
      : ['follow_up_hours']),
  ];
  const reviewUrl = (form.review_url ?? '').trim();
  if (reviewUrl && !/^https:\/\/\S+$/.test(reviewUrl)) bad.push('review_url');
  if (bad.length > 0) throw new AppError('bad_request', `Invalid fields: ${bad.join(', ')}`, { fields: bad });
  return db.rpc(
    'dashboard_save_reminder_settings',
    {
      p_tenant_id: tenant.id,
      p_settings: {
        reminder_offsets_minutes: offsets!.map((h) => Math.round(h * 60)),
        follow_up_hours: steps!,
        follow_ups_enabled: form.follow_ups_enabled === 'on',
        thank_you_enabled: form.thank_you_enabled === 'on',
        review_url: reviewUrl || null,
      },
    },
    { as: staff },
  );
}

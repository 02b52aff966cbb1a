import { z } from 'zod';
import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import type { TenantContext } from '../tenants/resolve-tenant';

// The member's own choices: push, email, sound (checkboxes: present = on).

const checkbox = z.preprocess((value) => value === 'on' || value === 'true' || value === true, z.boolean());
const preferencesSchema = z.object({ push: checkbox, email: checkbox, sound: checkbox });

export async function saveNotificationPreferences(
  db: DbPort,
  staff: StaffIdentity,
  tenant: TenantContext,
  input: Record<string, unknown>,
): Promise<{ push: boolean; email: boolean; sound: boolean }> {
  const parsed = preferencesSchema.parse(input);
  return db.rpc(
    'dashboard_save_notification_preferences',
    { p_tenant_id: tenant.id, p_push: parsed.push, p_email: parsed.email, p_sound: parsed.sound },
    { as: staff },
  );
}

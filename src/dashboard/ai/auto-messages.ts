import { z } from 'zod';
import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import { AppError } from '@/src/shared/app-error';
import { log } from '@/src/shared/logger';
import type { TenantContext } from '../tenants/resolve-tenant';
import type { FormEntries } from './ai-form';

// The AI page's "Mensajes automáticos" section: the greeting and away message settings and each
// channel's switch (`channel.<connection id>` = follow | off), read and saved in one call each.

export type AutoMessages = {
  greeting_enabled: boolean;
  greeting_text: string;
  away_enabled: boolean;
  away_text: string;
  channels: { id: string; channel: string; display_name: string | null; auto_messages: boolean }[];
};

export function loadAutoMessages(
  db: DbPort,
  staff: StaffIdentity,
  tenant: TenantContext,
): Promise<AutoMessages> {
  return db.rpc('dashboard_auto_messages', { p_tenant_id: tenant.id }, { as: staff });
}

const formSchema = z.object({
  greeting_text: z.string().trim().max(1000),
  away_text: z.string().trim().max(1000),
});

export async function saveAutoMessages(
  db: DbPort,
  staff: StaffIdentity,
  tenant: TenantContext,
  entries: FormEntries,
): Promise<AutoMessages> {
  const parsed = formSchema.safeParse({
    greeting_text: entries.greeting_text ?? '',
    away_text: entries.away_text ?? '',
  });
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((issue) => String(issue.path[0])))];
    throw new AppError('bad_request', `Invalid fields: ${fields.join(', ')}`, { fields });
  }
  const channels: Record<string, boolean> = {};
  for (const [key, value] of Object.entries(entries)) {
    const match = /^channel\.([0-9a-f-]{36})$/.exec(key);
    if (match) channels[match[1]!] = value !== 'off';
  }
  const saved = await db.rpc(
    'dashboard_save_auto_messages',
    {
      p_tenant_id: tenant.id,
      p_settings: {
        greeting_enabled: entries.greeting_enabled === 'on',
        greeting_text: parsed.data.greeting_text,
        away_enabled: entries.away_enabled === 'on',
        away_text: parsed.data.away_text,
      },
      p_channels: channels,
    },
    { as: staff },
  );
  log.info('dashboard.auto_messages_saved', {
    tenantId: tenant.id,
    greeting: saved.greeting_enabled,
    away: saved.away_enabled,
  });
  return saved;
}

import { listWhatsappTemplates } from '@/src/channels/whatsapp/list-whatsapp-templates';
import type { DbPort } from '@/src/db/rpc-port';
import type { AppEnv } from '@/src/env';
import { openAccessToken } from '@/src/outbound/connection-access-token';
import { AppError } from '@/src/shared/app-error';
import { log } from '@/src/shared/logger';
import { sandboxTemplates, sandboxWabaId } from './sandbox-templates';

// One tenant's templates, fetched from Meta (every page) and stored in one call: new and changed
// ones upserted, the ones Meta no longer lists marked deleted (template_sync_apply).

export type SyncResult = {
  upserted: number;
  deleted: number;
  skipped: number;
  pages: number;
  sandbox: boolean;
};

export async function syncTemplates(db: DbPort, env: AppEnv, tenantId: string): Promise<SyncResult> {
  const found = await db.rpc('template_connection', { p_tenant_id: tenantId });
  if (!found.found) throw new AppError('bad_request', 'No WhatsApp connection: connect WhatsApp first');
  const connection = found.connection;
  if (connection.mode === 'sandbox') {
    const stored = await db.rpc('template_sync_apply', {
      p_tenant_id: tenantId,
      p_waba_id: connection.business_account_id ?? sandboxWabaId,
      p_templates: sandboxTemplates(),
      p_complete: false,
    });
    return { ...stored, skipped: 0, pages: 0, sandbox: true };
  }
  if (!connection.business_account_id) {
    throw new AppError('bad_request', 'The WhatsApp connection has no WhatsApp Business Account id');
  }
  const token = openAccessToken(env, tenantId, 'whatsapp', connection.access_token_encrypted);
  if (!token) throw new AppError('bad_request', 'The WhatsApp connection has no usable access token');
  const list = await listWhatsappTemplates(env, connection.business_account_id, token);
  const stored = await db.rpc('template_sync_apply', {
    p_tenant_id: tenantId,
    p_waba_id: connection.business_account_id,
    p_templates: list.templates,
  });
  log.info('templates.synced', { tenantId, ...stored, skipped: list.skipped, pages: list.pages });
  return { ...stored, skipped: list.skipped, pages: list.pages, sandbox: false };
}

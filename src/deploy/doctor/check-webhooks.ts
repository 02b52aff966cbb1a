import type { DbPort } from '@/src/db/rpc-port';
import type { AppEnv } from '@/src/env';
import { type DoctorCheck, ok, warn } from './doctor-check';

// Each live connection's webhook URL (the one its platform must call) and whether anything has
// arrived there lately. A connection on the platform's app shares the app-level route.

const quietAfterDays = 7;

type LiveConnection = { tenant_slug: string; channel: string; app_kind: 'platform' | 'own' };

function webhookUrl(base: string, connection: LiveConnection): string {
  if (connection.app_kind === 'own')
    return `${base}/api/webhook/${connection.channel}/${connection.tenant_slug}`;
  return `${base}/api/webhook/${connection.channel === 'tiktok' ? 'tiktok' : 'meta'}`;
}

export async function checkWebhooks(db: DbPort, env: AppEnv, now: Date): Promise<DoctorCheck[]> {
  const connections = await db.rpc('admin_live_connection_webhooks', {});
  if (connections.length === 0) return [ok('webhooks', 'no live connections yet')];
  const base = env.APP_BASE_URL ? new URL(env.APP_BASE_URL).origin : 'https://<APP_BASE_URL>';
  const quiet = connections.filter(
    (connection) =>
      !connection.last_webhook_at ||
      now.getTime() - Date.parse(connection.last_webhook_at) > quietAfterDays * 86_400_000,
  );
  const checks = quiet.map((connection) =>
    warn(
      'webhooks',
      `${connection.tenant_slug} ${connection.channel}: ${connection.last_webhook_at ? `no webhook for over ${quietAfterDays} days` : 'no webhook received yet'}; ` +
        `its callback URL must be ${webhookUrl(base, connection)}`,
    ),
  );
  const heard = connections.length - quiet.length;
  if (heard > 0)
    checks.unshift(
      ok('webhooks', `${heard} of ${connections.length} live connection(s) received webhooks recently`),
    );
  return checks;
}

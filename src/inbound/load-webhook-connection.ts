import type { ChannelAccount } from '@/src/channels/channel-account';
import type { Channel } from '@/src/channels/channel-registry';
import type { DbPort } from '@/src/db/rpc-port';

// The connection a delivery is addressed to, with the ciphertext of its webhook secret.
// Found connections are cached briefly per process so a stored delivery costs one round trip
// (the ingest call). The cache never makes us accept wrongly: ingest_webhook re-reads the
// connection, checks every account id itself and refuses a delivery verified with a secret
// that has since changed; a signature that fails against a cached secret is checked again
// against a fresh read. A rotated secret takes effect at once, both ways.

export type WebhookConnection = ChannelAccount & {
  tenant_id: string;
  connection_id: string;
  channel: Channel;
  mode: 'live' | 'sandbox';
  status: string;
  ai_enabled: boolean;
  app_kind: 'platform' | 'own';
  verify_token: string | null;
  webhook_secret_encrypted: string | null;
  /** sha256 of the ciphertext ('' without one); ingest_webhook refuses a stale one. */
  secret_fingerprint: string;
};

export type ConnectionLookup =
  | { found: 'no_tenant' }
  | { found: 'no_connection'; tenant_id: string }
  | ({ found: 'connection'; cached: boolean } & WebhookConnection);

const ttlMs = 30_000;
const caches = new WeakMap<DbPort, Map<string, { expires: number; value: WebhookConnection }>>();

export async function loadWebhookConnection(
  db: DbPort,
  tenantSlug: string,
  channel: Channel,
  options: { fresh?: boolean } = {},
): Promise<ConnectionLookup> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  const key = `${tenantSlug}/${channel}`;
  const hit = cache.get(key);
  if (hit && !options.fresh && hit.expires > Date.now())
    return { found: 'connection', cached: true, ...hit.value };
  const lookup = await db.rpc('webhook_connection', { p_tenant_slug: tenantSlug, p_channel: channel });
  if (lookup.found !== 'connection') {
    cache.delete(key);
    return lookup;
  }
  const { found: _found, ...value } = lookup;
  cache.set(key, { expires: Date.now() + ttlMs, value });
  return { found: 'connection', cached: false, ...value };
}

/** After the database said the cached connection is gone (deleted, tenant re-created). */
export function forgetWebhookConnection(db: DbPort, tenantSlug: string, channel: Channel): void {
  caches.get(db)?.delete(`${tenantSlug}/${channel}`);
}

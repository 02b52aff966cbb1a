import { channelAdapter } from '@/src/channels/channel-registry';
import type {
  SubscriptionOutcome,
  TokenFacts,
  TokenHealthCheck,
  TokenHealthConnection,
  TokenHealthInput,
} from '@/src/channels/token-health-types';
import { TokenRejectedError } from '@/src/channels/token-health-types';
import { decryptionKeys } from '@/src/crypto/decryption-keys';
import type { ResultOf } from '@/src/db/function-types';
import type { DbPort } from '@/src/db/rpc-port';
import type { AppEnv } from '@/src/env';
import { log } from '@/src/shared/logger';
import { PermanentJobError } from './job-types';
import { storeRefreshedToken } from './store-refreshed-token';
import { openToken, withoutSecrets } from './token-health-secrets';

// One connection's token check (the token_health job): refresh when due and store the new token
// at once, inspect the token, restore the webhook subscription, then record expiry, scopes,
// needs_reauth and the once-per-expiry warning in one SQL call. `now` is passed in so tests
// and the warning window agree on the time.

export type HealthCheckResult =
  | { outcome: 'skipped' | 'token_changed' }
  | {
      outcome: 'recorded';
      valid: boolean;
      refreshed: boolean;
      subscription: SubscriptionOutcome;
      warned: boolean;
      /** A refreshed token that dies before tomorrow's check is checked again before then. */
      checkAgainAt?: Date;
    };

type Deps = { db: DbPort; env: AppEnv; now: Date; signal: AbortSignal };
type Loaded = Extract<ResultOf<'token_health_load'>, { found: true }>['connection'];
type Check = {
  deps: Deps;
  row: Loaded;
  key: string;
  check: TokenHealthCheck;
  input: TokenHealthInput;
  /** Every secret in play: cut out of reasons and errors a platform may have quoted them in. */
  secrets: (string | undefined)[];
};

const dayMs = 86_400_000;
const recheckBeforeExpiryMs = 2 * 3_600_000;
const toDate = (iso: string | null) => (iso ? new Date(iso) : null);

function factsJson(facts: TokenFacts, secrets: (string | undefined)[]): Record<string, unknown> {
  const iso = (value: Date | null | undefined) =>
    value === undefined ? undefined : (value?.toISOString() ?? null);
  const json: Record<string, unknown> = {
    valid: facts.valid,
    reason: facts.reason === undefined ? undefined : withoutSecrets(facts.reason, secrets),
    token_expires_at: iso(facts.tokenExpiresAt),
    data_access_expires_at: iso(facts.dataAccessExpiresAt),
    scopes: facts.scopes,
  };
  return Object.fromEntries(Object.entries(json).filter(([, value]) => value !== undefined));
}

function definedOnly(facts: TokenFacts): TokenFacts {
  return Object.fromEntries(Object.entries(facts).filter(([, value]) => value !== undefined)) as TokenFacts;
}

function connectionOf(row: Loaded): TokenHealthConnection {
  return {
    id: row.id,
    appKind: row.app_kind,
    account: {
      phone_number_id: row.phone_number_id,
      business_account_id: row.business_account_id,
      page_id: row.page_id,
      instagram_account_id: row.instagram_account_id,
      tiktok_business_id: row.tiktok_business_id,
    },
    tokenExpiresAt: toDate(row.token_expires_at),
    refreshTokenExpiresAt: toDate(row.refresh_token_expires_at),
  };
}

function record(c: Check, sealed: string, facts: TokenFacts) {
  return c.deps.db.rpc('token_health_record', {
    p_connection_id: c.row.id,
    p_token_encrypted: sealed,
    p_facts: factsJson(facts, c.secrets),
    p_now: c.deps.now.toISOString(),
  });
}

const refused = {
  outcome: 'recorded',
  valid: false,
  refreshed: false,
  subscription: 'not_checked',
  warned: false,
} as const;

async function refreshInspectRecord(c: Check): Promise<HealthCheckResult> {
  const { row, deps } = c;
  const fields = { connectionId: row.id, tenantId: row.tenant_id, channel: row.channel };
  let sealed = row.access_token_encrypted;
  let input = c.input;
  let facts: TokenFacts = { valid: true };
  const refresh = c.check.refresh ? await c.check.refresh(input) : { kind: 'not_due' as const };
  if (refresh.kind === 'refused') {
    const result = await record(c, sealed, { valid: false, reason: refresh.reason });
    log.warn('token_health.refresh_refused', { ...fields, recorded: result.recorded });
    return result.recorded ? refused : { outcome: 'token_changed' };
  }
  if (refresh.kind === 'refreshed') {
    const { token } = refresh;
    c.secrets.push(token.accessToken, token.refreshToken);
    const target = {
      connectionId: row.id,
      tenantId: row.tenant_id,
      channel: row.channel,
      previousSealed: sealed,
    };
    const stored = await storeRefreshedToken(deps.db, c.key, target, token, deps.now);
    if (!stored.stored) return { outcome: 'token_changed' };
    sealed = stored.sealed;
    facts = { valid: true, tokenExpiresAt: token.expiresAt, scopes: token.scopes };
    input = {
      ...input,
      accessToken: token.accessToken,
      refreshToken: token.refreshToken ?? input.refreshToken,
      connection: { ...input.connection, tokenExpiresAt: token.expiresAt },
    };
    log.info('token_health.refreshed', { ...fields, expiresAt: token.expiresAt?.toISOString() ?? null });
  }

  facts = { ...facts, ...definedOnly(await c.check.inspect(input)) };
  let subscription: SubscriptionOutcome = 'not_checked';
  let subscriptionError: unknown;
  if (facts.valid && c.check.ensureSubscribed) {
    try {
      subscription = await c.check.ensureSubscribed(input);
    } catch (error) {
      if (error instanceof TokenRejectedError) facts = { ...facts, valid: false, reason: error.reason };
      else subscriptionError = error;
    }
  }
  const result = await record(c, sealed, facts);
  if (!result.recorded) return { outcome: 'token_changed' };
  const refreshed = refresh.kind === 'refreshed';
  log.info('token_health.checked', {
    ...fields,
    valid: facts.valid,
    refreshed,
    subscription,
    warned: result.warned,
  });
  // Recorded first: a retry checks again, and SQL gives the warning only once.
  if (subscriptionError) throw subscriptionError;
  const expiresAt = input.connection.tokenExpiresAt;
  const checkAgainAt =
    refreshed &&
    facts.valid &&
    expiresAt &&
    expiresAt.getTime() - deps.now.getTime() < dayMs + recheckBeforeExpiryMs
      ? new Date(Math.max(deps.now.getTime() + 60_000, expiresAt.getTime() - recheckBeforeExpiryMs))
      : undefined;
  return {
    outcome: 'recorded',
    valid: facts.valid,
    refreshed,
    subscription,
    warned: result.warned,
    checkAgainAt,
  };
}

export async function checkConnectionHealth(deps: Deps, connectionId: string): Promise<HealthCheckResult> {
  const loaded = await deps.db.rpc('token_health_load', { p_connection_id: connectionId });
  if (!loaded.found) return { outcome: 'skipped' };
  const row = loaded.connection;
  const key = deps.env.ENCRYPTION_KEY;
  if (!key) throw new PermanentJobError('ENCRYPTION_KEY is not set: stored tokens cannot be opened');
  const place = { tenantId: row.tenant_id, channel: row.channel };
  const keys = decryptionKeys(deps.env);
  const accessToken = openToken(keys, place, 'access_token', row.access_token_encrypted);
  const refreshToken = row.refresh_token_encrypted
    ? openToken(keys, place, 'refresh_token', row.refresh_token_encrypted)
    : undefined;
  const secrets = [accessToken, refreshToken, deps.env.META_APP_SECRET, deps.env.TIKTOK_CLIENT_SECRET];
  const connection = connectionOf(row);
  const check = channelAdapter(row.channel).tokenHealth;
  const { env, now, signal } = deps;
  const input: TokenHealthInput = {
    connection,
    accessToken: accessToken ?? '',
    refreshToken,
    env,
    now,
    signal,
  };
  const c: Check = { deps, row, key, check, input, secrets };
  if (!accessToken) {
    const result = await record(c, row.access_token_encrypted, {
      valid: false,
      reason: 'The stored access token cannot be decrypted',
    });
    log.warn('token_health.unreadable_token', {
      connectionId,
      tenantId: row.tenant_id,
      channel: row.channel,
    });
    return result.recorded ? refused : { outcome: 'token_changed' };
  }
  try {
    return await refreshInspectRecord(c);
  } catch (error) {
    // The job keeps its error message (the queue page shows it): never with a token in it.
    if (error instanceof Error) error.message = withoutSecrets(error.message, secrets);
    throw error;
  }
}

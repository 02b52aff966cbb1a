import { channelAdapter } from '@/src/channels/channel-registry';
import type {
  SubscriptionOutcome,
  TokenFacts,
  TokenHealthConnection,
  TokenHealthInput,
} from '@/src/channels/token-health-types';
import { TokenRejectedError } from '@/src/channels/token-health-types';
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

export async function checkConnectionHealth(deps: Deps, connectionId: string): Promise<HealthCheckResult> {
  const { db, env, now } = deps;
  const loaded = await db.rpc('token_health_load', { p_connection_id: connectionId });
  if (!loaded.found) return { outcome: 'skipped' };
  const row = loaded.connection;
  const key = env.ENCRYPTION_KEY;
  if (!key) throw new PermanentJobError('ENCRYPTION_KEY is not set: stored tokens cannot be opened');
  const place = { tenantId: row.tenant_id, channel: row.channel };
  const check = channelAdapter(row.channel).tokenHealth;
  const fields = { connectionId, tenantId: row.tenant_id, channel: row.channel };

  let sealed = row.access_token_encrypted;
  const accessToken = openToken(key, place, 'access_token', sealed);
  const refreshToken = row.refresh_token_encrypted
    ? openToken(key, place, 'refresh_token', row.refresh_token_encrypted)
    : undefined;
  const secrets = [accessToken, refreshToken, env.META_APP_SECRET, env.TIKTOK_CLIENT_SECRET];
  const record = async (facts: TokenFacts) =>
    db.rpc('token_health_record', {
      p_connection_id: connectionId,
      p_token_encrypted: sealed,
      p_facts: factsJson(facts, secrets),
      p_now: now.toISOString(),
    });

  if (!accessToken) {
    await record({ valid: false, reason: 'The stored access token cannot be decrypted' });
    log.warn('token_health.unreadable_token', fields);
    return {
      outcome: 'recorded',
      valid: false,
      refreshed: false,
      subscription: 'not_checked',
      warned: false,
    };
  }

  let input: TokenHealthInput = {
    connection: connectionOf(row),
    accessToken,
    refreshToken,
    env,
    now,
    signal: deps.signal,
  };
  let refreshedFacts: TokenFacts = { valid: true };
  let refreshed = false;
  const refresh = check.refresh ? await check.refresh(input) : { kind: 'not_due' as const };
  if (refresh.kind === 'refused') {
    const result = await record({ valid: false, reason: refresh.reason });
    log.warn('token_health.refresh_refused', { ...fields, recorded: result.recorded });
    return {
      outcome: 'recorded',
      valid: false,
      refreshed: false,
      subscription: 'not_checked',
      warned: false,
    };
  }
  if (refresh.kind === 'refreshed') {
    const target = { connectionId, ...place, previousSealed: sealed };
    const stored = await storeRefreshedToken(db, key, target, refresh.token, now);
    if (!stored.stored) return { outcome: 'token_changed' };
    sealed = stored.sealed;
    refreshed = true;
    secrets.push(refresh.token.accessToken, refresh.token.refreshToken);
    refreshedFacts = { valid: true, tokenExpiresAt: refresh.token.expiresAt, scopes: refresh.token.scopes };
    input = {
      ...input,
      accessToken: refresh.token.accessToken,
      refreshToken: refresh.token.refreshToken ?? refreshToken,
      connection: { ...input.connection, tokenExpiresAt: refresh.token.expiresAt },
    };
    log.info('token_health.refreshed', {
      ...fields,
      expiresAt: refresh.token.expiresAt?.toISOString() ?? null,
    });
  }

  const inspected = await check.inspect(input);
  let facts: TokenFacts = { ...refreshedFacts, ...definedOnly(inspected) };
  let subscription: SubscriptionOutcome = 'not_checked';
  let subscriptionError: unknown;
  if (facts.valid && check.ensureSubscribed) {
    try {
      subscription = await check.ensureSubscribed(input);
    } catch (error) {
      if (error instanceof TokenRejectedError) facts = { ...facts, valid: false, reason: error.reason };
      else subscriptionError = error;
    }
  }
  const result = await record(facts);
  if (!result.recorded) return { outcome: 'token_changed' };
  log.info('token_health.checked', {
    ...fields,
    valid: facts.valid,
    refreshed,
    subscription,
    warned: result.warned,
    status: result.status,
  });
  // Recorded first: a retry checks again, and SQL gives the warning only once.
  if (subscriptionError) throw subscriptionError;
  const expiresAt = input.connection.tokenExpiresAt;
  const checkAgainAt =
    refreshed &&
    facts.valid &&
    expiresAt &&
    expiresAt.getTime() - now.getTime() < dayMs + recheckBeforeExpiryMs
      ? new Date(Math.max(now.getTime() + 60_000, expiresAt.getTime() - recheckBeforeExpiryMs))
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

function definedOnly(facts: TokenFacts): TokenFacts {
  return Object.fromEntries(Object.entries(facts).filter(([, value]) => value !== undefined)) as TokenFacts;
}

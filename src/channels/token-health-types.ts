import type { AppEnv } from '@/src/env';
import type { ChannelAccount } from './channel-account';

// What a channel gives the token_health job (PLATFORMS-2.md §2): refresh what can be refreshed,
// inspect the token, restore the webhook subscription. The job stores, warns and marks.

export type TokenHealthConnection = {
  id: string;
  appKind: 'platform' | 'own';
  account: Pick<
    ChannelAccount,
    'phone_number_id' | 'business_account_id' | 'page_id' | 'instagram_account_id' | 'tiktok_business_id'
  >;
  tokenExpiresAt: Date | null;
  refreshTokenExpiresAt: Date | null;
};

export type TokenHealthInput = {
  connection: TokenHealthConnection;
  accessToken: string;
  /** Present when the connection stored one (TikTok OAuth). */
  refreshToken?: string;
  env: AppEnv;
  now: Date;
  signal: AbortSignal;
};

/** What a check learned. An absent expiry was not learned (kept as stored); null means none. */
export type TokenFacts = {
  valid: boolean;
  /** Why the platform refused the token: staff read it (never contains the token). */
  reason?: string;
  tokenExpiresAt?: Date | null;
  dataAccessExpiresAt?: Date | null;
  scopes?: string[];
};

export type RefreshedToken = {
  accessToken: string;
  expiresAt: Date | null;
  /** Only when the platform rotated it. */
  refreshToken?: string;
  refreshTokenExpiresAt?: Date | null;
  scopes?: string[];
};

export type RefreshOutcome =
  | { kind: 'not_due' }
  | { kind: 'refreshed'; token: RefreshedToken }
  /** The platform refused: the token cannot be renewed, staff must connect again. */
  | { kind: 'refused'; reason: string };

export type SubscriptionOutcome = 'subscribed' | 'restored' | 'not_checked';

export type TokenHealthCheck = {
  refresh?: (input: TokenHealthInput) => Promise<RefreshOutcome>;
  inspect: (input: TokenHealthInput) => Promise<TokenFacts>;
  ensureSubscribed?: (input: TokenHealthInput) => Promise<SubscriptionOutcome>;
};

/** The platform could not answer now (network, 5xx, 429): try the whole check again later. */
export class PlatformUnavailableError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'PlatformUnavailableError';
  }
}

/** The platform refused the token or a permission it needs: the connection needs staff. */
export class TokenRejectedError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'TokenRejectedError';
  }
}

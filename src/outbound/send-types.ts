import type { AppEnv } from '@/src/env';
import type { SendWindow } from './outbound-window';

// What every channel sender builds and reads. Channel folders hold the platform specifics.

export type PlatformRequest = {
  method: 'POST' | 'GET';
  url: string;
  headers: Record<string, string>;
  body?: Record<string, unknown>;
};

export type SendFailure = {
  /** retryable: try again later; permanent: never; reauth: the token is invalid (connection needs_reauth). */
  kind: 'retryable' | 'permanent' | 'reauth';
  /** Stored in messages.error_code, e.g. "131047" or "network". */
  code: string;
  /** What staff can act on (shown in the dashboard); never contains a token. */
  staffMessage: string;
  retryAfterMs?: number;
};

export type SendResponse =
  | { ok: true; platformMessageId: string }
  | { ok: false; failure: SendFailure }
  /** A success status without an id we can read: treat as maybe delivered, never resend blindly. */
  | { ok: 'unknown'; detail: string };

export type SendAccount = {
  phoneNumberId: string | null;
  pageId: string | null;
  instagramAccountId: string | null;
  tiktokBusinessId: string | null;
};

export type SendInput = {
  messageId: string;
  text: string;
  /** wa_id / BSUID, PSID, IGSID, or TikTok conversation id. */
  recipientId: string;
  account: SendAccount;
  window: SendWindow;
};

export type ChannelSender = {
  /** Where replies go: the lead's platform id, or the thread id (TikTok). */
  recipientOf: (facts: { externalId: string | null; threadId: string | null }) => string | null;
  buildRequest: (input: SendInput, accessToken: string, env: AppEnv) => PlatformRequest;
  readResponse: (status: number, body: unknown, retryAfterMs?: number) => SendResponse;
};

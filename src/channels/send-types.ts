import type { AppEnv } from '@/src/env';
import type { ChannelAccount } from './channel-account';
import type { OutboundContent } from './outbound-content';
import type { SendWindow } from './reply-window';

// What every channel sender builds and reads. Channel folders hold the platform specifics.

export type PlatformRequest = {
  method: 'POST' | 'GET';
  url: string;
  headers: Record<string, string>;
  body?: Record<string, unknown>;
  /** How the body is sent: JSON (default) or a form (Twilio: every value a string). */
  encoding?: 'json' | 'form';
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

type SendResponse =
  | { ok: true; platformMessageId: string }
  | { ok: false; failure: SendFailure }
  /** A success status without an id we can read: treat as maybe delivered, never resend blindly. */
  | { ok: 'unknown'; detail: string };

/** The connection's platform ids a send or lookup may address. */
export type SendAccount = Pick<
  ChannelAccount,
  'phone_number_id' | 'page_id' | 'instagram_account_id' | 'tiktok_business_id' | 'email_address'
>;

export type SendInput = {
  messageId: string;
  /** The words; for structured content, the readable version (body, question, caption). */
  text: string;
  /** Template, choices or media; null for a plain text reply. */
  content: OutboundContent | null;
  /** wa_id / BSUID, PSID, IGSID, or TikTok conversation id. */
  recipientId: string;
  /** The conversation's external_thread_id (email: what a reply needs to stay in the thread). */
  threadId?: string | null;
  account: SendAccount;
  window: SendWindow;
  /** For media content: where the platform finds the file (set by the pre-send media step). */
  media?: PreparedMedia;
  /** Whose message this is: automated mail (ai, system) carries an unsubscribe link (email). */
  origin?: { tenantId: string; leadId: string; sender: 'ai' | 'human' | 'system' | 'lead' };
};

/** A file ready to send: WhatsApp's upload id, or a short-lived link Meta fetches. */
export type PreparedMedia = { platformMediaId: string } | { link: string };

/** The bytes of one file, for a platform upload. */
export type MediaUploadFile = { bytes: Buffer; mimeType: string; filename: string };

/**
 * How a channel sends files; absent: it cannot (the send is refused with a staff message).
 * upload: the bytes go first to the platform (one extra call before the send; its id is kept so
 * a retry does not upload again); link: the platform fetches a signed link to our copy.
 */
export type MediaDelivery =
  | {
      by: 'upload';
      /** How long the platform keeps an uploaded file (a kept id older than this is not reused). */
      keptForMs: number;
      buildUpload: (
        file: MediaUploadFile,
        account: SendAccount,
        accessToken: string,
        env: AppEnv,
      ) => { url: string; headers: Record<string, string>; form: FormData };
      readUpload: (
        status: number,
        body: unknown,
        retryAfterMs?: number,
      ) => { ok: true; platformMediaId: string } | { ok: false; failure: SendFailure };
    }
  | { by: 'link' };

export type ChannelSender = {
  /** Where replies go: the lead's platform id, or the thread id (TikTok). */
  recipientOf: (facts: { externalId: string | null; threadId: string | null }) => string | null;
  buildRequest: (input: SendInput, accessToken: string, env: AppEnv) => PlatformRequest;
  readResponse: (status: number, body: unknown, retryAfterMs?: number) => SendResponse;
  media?: MediaDelivery;
};

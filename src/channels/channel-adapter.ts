import type { DbPort } from '@/src/db/rpc-port';
import type { AppEnv } from '@/src/env';
import type { ChoiceLimits } from './choice-limits';
import type { ChannelNormaliser } from './inbound-event';
import type { ProfileFetcher } from './profile-types';
import type { ReplyWindowPolicy } from './reply-window';
import type { ChannelSender } from './send-types';
import type { SignatureCheck } from './signature-check';
import type { TestDelivery, TestDeliveryInput } from './test-delivery';
import type { TextLimit } from './text-limit';
import type { TokenHealthCheck } from './token-health-types';

// What one channel folder gives the rest of the app. The inbound pipeline, outbound, jobs and
// the AI know channels only through this contract and src/channels/channel-registry.ts.

/** Any failure is the same 403 to the caller; `detail` (which part was wrong) is logged only. */
type HandshakeResult = { ok: true; challenge: string } | { ok: false; detail: string };

/** What a platform signs: the raw bytes, the headers, and the URL it posted to (Twilio signs it). */
export type SignedRequest = { rawBody: Buffer; headers: Headers; url: string };

export type ChannelAdapter = {
  inbound: {
    /** The GET subscription handshake (Meta's hub.challenge); absent where there is none (TikTok). */
    handshake?: {
      answer: (query: URLSearchParams, acceptedTokens: readonly string[]) => HandshakeResult;
      /** The deployment-wide verify token accepted besides the connection's own. */
      fallbackToken: (env: AppEnv) => string | undefined;
    };
    /** Signature over the raw bytes, against every secret given (constant time). */
    verifySignature: (request: SignedRequest, secrets: readonly string[], env: AppEnv) => SignatureCheck;
    /** The status a failed check answers: 401, or 403 where that is what the platform expects (Twilio's
     * own helpers answer 403; for Postmark it stops the retries). */
    refusalStatus?: 401 | 403;
    /** The deployment-wide secret accepted besides the connection's own (Meta's app secret). */
    fallbackSecret: (env: AppEnv) => string | undefined;
    /** The body's text as a value: JSON for Meta and TikTok (a form would be parsed here). */
    parseBody: (rawText: string) => unknown;
    /** Work a parsed body needs before normalising that cannot be synchronous (email: raw MIME). */
    expandBody?: (body: unknown) => Promise<unknown>;
    /** Payload schema and normalisation to inbound events; messages get readable labels here. */
    normalise: ChannelNormaliser;
    /** Files whose bytes came inside the delivery (email), stored once the delivery is committed. */
    storeFiles?: (input: { db: DbPort; env: AppEnv; tenantId: string; body: unknown }) => Promise<void>;
    /** A signed text delivery as the platform would post it (CLI `webhook send`, simulator). */
    buildTestDelivery: (input: TestDeliveryInput) => TestDelivery;
  };
  /** Send requests and the classification of their answers (send errors included). */
  sender: ChannelSender;
  /** The customer's profile lookup, where the platform does not send names with messages. */
  profile?: ProfileFetcher;
  textLimit: TextLimit;
  /** How the channel shows buttons and lists, and their limits (issue 16 §2). */
  choices: ChoiceLimits;
  replyWindow: ReplyWindowPolicy;
  /** The daily token check: refresh, inspect, restore the webhook subscription. */
  tokenHealth: TokenHealthCheck;
};

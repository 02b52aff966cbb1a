import type { AppEnv } from '@/src/env';
import type { ChannelAdapter, SignedRequest } from './channel-adapter';
import type { Channel } from './channel-registry';
import type { SignatureCheck } from './signature-check';

// The deployment's own app on a platform (one Meta app, one TikTok app for every tenant). The
// platform sends every event of its app to one callback URL, /api/webhook/<name>; ingest routes
// each event to the tenant whose live platform-app connection owns the account it names.

export type PlatformApp = {
  /** The app's secret (signatures); unset: the app-level route answers 503. */
  secret: (env: AppEnv) => string | undefined;
  /** The GET subscription handshake with the app's verify token; absent where there is none. */
  handshake?: {
    answer: NonNullable<ChannelAdapter['inbound']['handshake']>['answer'];
    verifyToken: (env: AppEnv) => string | undefined;
  };
  verifySignature: (request: SignedRequest, secrets: readonly string[], env: AppEnv) => SignatureCheck;
  parseBody: (rawText: string) => unknown;
  /** Which of the app's channels a parsed body is (Meta's `object`); undefined: not this app's. */
  channelOf: (body: unknown) => Channel | undefined;
  /** Where refusals are recorded before the body says which channel it is. */
  defaultChannel: Channel;
};

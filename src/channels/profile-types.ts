import type { AppEnv } from '@/src/env';
import type { PlatformRequest, SendAccount, SendFailure } from './send-types';

// A channel's user-profile lookup (Messenger, Instagram): request and reading of the answer.

export type LeadProfile = { name: string | null; username: string | null; pictureUrl: string | null };

type ProfileResponse = { ok: true; profile: LeadProfile } | { ok: false; failure: SendFailure };

export type ProfileFetcher = {
  buildRequest: (
    externalId: string,
    account: SendAccount,
    accessToken: string,
    env: AppEnv,
  ) => PlatformRequest;
  readResponse: (status: number, body: unknown) => ProfileResponse;
};

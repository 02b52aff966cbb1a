import type { AppEnv } from '@/src/env';
import type { Channel } from '../channel-registry';
import { proveInstagramOwnership } from '../meta/onboarding/prove-instagram-ownership';
import { provePageOwnership } from '../meta/onboarding/prove-page-ownership';
import { proveWhatsAppOwnership } from '../meta/onboarding/prove-whatsapp-ownership';
import { proveTikTokOwnership } from '../tiktok/onboarding/prove-tiktok-ownership';
import { proveTwilioOwnership } from '../twilio/prove-twilio-ownership';

// Asks the platform, with the token given, whether the account id belongs to it (issue 14 §3).

export type OwnershipClaim = {
  channel: Channel;
  accessToken: string;
  phoneNumberId?: string;
  businessAccountId?: string;
  pageId?: string;
  instagramAccountId?: string;
  businessId?: string;
};

export type OwnershipFacts = { name?: string; displayPhoneNumber?: string; qualityRating?: string };

export type OwnershipEnv = Pick<
  AppEnv,
  | 'GRAPH_API_BASE_URL'
  | 'GRAPH_API_VERSION'
  | 'INSTAGRAM_API_BASE_URL'
  | 'TIKTOK_API_BASE_URL'
  | 'TWILIO_API_BASE_URL'
  | 'SEND_REQUEST_TIMEOUT_MS'
>;

export async function proveOwnership(env: OwnershipEnv, claim: OwnershipClaim): Promise<OwnershipFacts> {
  const { accessToken } = claim;
  switch (claim.channel) {
    case 'whatsapp': {
      const number = await proveWhatsAppOwnership(env, {
        phoneNumberId: claim.phoneNumberId ?? '',
        businessAccountId: claim.businessAccountId,
        accessToken,
      });
      return {
        name: number.verified_name,
        displayPhoneNumber: number.display_phone_number?.replace(/\D/g, ''),
        qualityRating: number.quality_rating,
      };
    }
    case 'facebook':
      return provePageOwnership(env, { pageId: claim.pageId ?? '', accessToken });
    case 'instagram':
      return proveInstagramOwnership(env, {
        instagramAccountId: claim.instagramAccountId ?? '',
        pageId: claim.pageId,
        accessToken,
      });
    case 'tiktok':
      return proveTikTokOwnership(env, { businessId: claim.businessId ?? '', accessToken });
    case 'twilio':
      return proveTwilioOwnership(env, { accessToken });
    case 'email':
      // Postmark itself refuses a From whose domain the server has not verified (error 400/401),
      // so no address can be used that the token's owner has not proven.
      return {};
  }
}

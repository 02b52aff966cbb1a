import type { Channel } from '@/src/channels/channel-registry';

// Which account ids each channel's form asks for, and what its webhook secret is called.
export const channelIdFields: Record<
  Channel,
  (
    | 'phoneNumberId'
    | 'businessAccountId'
    | 'displayPhoneNumber'
    | 'pageId'
    | 'instagramAccountId'
    | 'businessId'
    | 'emailAddress'
  )[]
> = {
  whatsapp: ['phoneNumberId', 'businessAccountId', 'displayPhoneNumber'],
  facebook: ['pageId'],
  instagram: ['instagramAccountId', 'pageId'],
  tiktok: ['businessId'],
  twilio: ['businessAccountId', 'phoneNumberId'],
  email: ['emailAddress'],
};

export const storedIdColumn = {
  phoneNumberId: 'phone_number_id',
  businessAccountId: 'business_account_id',
  displayPhoneNumber: 'display_phone_number',
  pageId: 'page_id',
  instagramAccountId: 'instagram_account_id',
  businessId: 'tiktok_business_id',
  emailAddress: 'email_address',
} as const;

/** Only Meta's apps verify a webhook URL with a token (Twilio and Postmark sign or authenticate instead). */
export function usesVerifyToken(channel: Channel): boolean {
  return channel === 'whatsapp' || channel === 'facebook' || channel === 'instagram';
}

import { labelled } from '@/src/channels/message-labels';
import type { MessagingReferral } from './messaging-webhook-schema';

// Where a Messenger/Instagram customer came from, as one readable line: an ad (source ADS:
// its title), or an m.me link, QR code or other entry point (source SHORTLINK, …: its ref).
// The same line for message.referral, postback.referral (Get Started) and standalone referrals.

export function referralLine(referral: MessagingReferral): string {
  if (referral.source === 'ADS' || referral.ad_id !== undefined || referral.ads_context_data) {
    return labelled('ad_referral', referral.ads_context_data?.ad_title ?? referral.ref);
  }
  return labelled('link_referral', referral.ref);
}

/** `text` with the referral's line under it. */
export function withReferralLine(text: string | null | undefined, referral: MessagingReferral): string {
  const line = referralLine(referral);
  return text ? `${text}\n${line}` : line;
}

import { onboardingError } from '../../ownership/onboarding-error';
import type { GraphEnv } from './graph-call';
import { listWabaPhoneNumbers } from './list-waba-phone-numbers';
import { type PhoneNumberFacts, readPhoneNumber } from './read-phone-number';

// A phone number id is the tenant's when their token can read the number and the number is one
// of the phone numbers of the WhatsApp Business Account they name.
export async function proveWhatsAppOwnership(
  env: GraphEnv,
  claim: { phoneNumberId: string; businessAccountId?: string; accessToken: string },
): Promise<PhoneNumberFacts> {
  if (!claim.businessAccountId) {
    throw onboardingError(
      'bad_request',
      'proof_needs_waba',
      'a live WhatsApp connection needs its business account id (WABA) to prove the number is yours',
    );
  }
  const number = await readPhoneNumber(env, claim.phoneNumberId, claim.accessToken);
  const numbers = await listWabaPhoneNumbers(env, claim.businessAccountId, claim.accessToken);
  if (!numbers.some((candidate) => candidate.id === claim.phoneNumberId)) {
    throw onboardingError(
      'forbidden',
      'not_owner',
      `phone number ${claim.phoneNumberId} is not one of the numbers of WhatsApp Business Account ${claim.businessAccountId}`,
    );
  }
  return number;
}

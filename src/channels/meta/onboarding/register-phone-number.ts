import { onboardingError } from '../../ownership/onboarding-error';
import { GraphCallError, type GraphEnv, graphCall } from './graph-call';
import { graphRefusal } from './graph-refusal';

// Embedded Signup step 3 (not for Coexistence): POST /{phone_number_id}/register with the
// two-step-verification PIN. Meta allows 10 of these per number in 72 h, so it is never retried
// on its own; the errors that need the customer are told apart (PLATFORMS-2.md §1.3).

const knownErrors = {
  133005: ['pin_mismatch', 'the PIN does not match the number’s two-step verification PIN'],
  133006: ['number_needs_verification', 'the phone number needs to be verified first'],
  133015: ['number_recently_deleted', 'the number was deleted recently; wait 5 minutes'],
  133016: ['register_limit', 'too many register requests for this number in 72 hours'],
} as const;

export async function registerPhoneNumber(
  env: GraphEnv,
  phoneNumberId: string,
  pin: string,
  token: string,
): Promise<void> {
  try {
    await graphCall(env, {
      method: 'POST',
      path: `${encodeURIComponent(phoneNumberId)}/register`,
      token,
      body: { messaging_product: 'whatsapp', pin },
    });
  } catch (error) {
    if (!(error instanceof GraphCallError)) throw error;
    const known = knownErrors[error.graph?.code as keyof typeof knownErrors];
    if (known) throw onboardingError('bad_request', known[0], `${known[1]} (${error.message})`);
    const refusal = graphRefusal(error, `phone number ${phoneNumberId}`);
    if ((refusal as { details?: { reason?: string } }).details?.reason !== 'not_owner') throw refusal;
    throw onboardingError(
      'bad_request',
      'register_failed',
      `WhatsApp refused to register the number (${error.message})`,
    );
  }
}

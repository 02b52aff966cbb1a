import { z } from 'zod';
import { onboardingError } from '@/src/channels/ownership/onboarding-error';
import { requestPlatformJson } from '@/src/channels/platform-json-request';
import { PlatformUnavailableError } from '@/src/channels/token-health-types';
import type { AppEnv } from '@/src/env';
import { basicAuthorization, readTwilioCredentials } from './twilio-credentials';

// GET /2010-04-01/Accounts/{AccountSid}.json answers only to that account's own credentials
// (Auth Token, or an API key of the account): the Account SID is the tenant's when it answers.

const accountSchema = z.looseObject({ sid: z.string(), friendly_name: z.string().optional() });

export async function proveTwilioOwnership(
  env: Pick<AppEnv, 'TWILIO_API_BASE_URL' | 'SEND_REQUEST_TIMEOUT_MS'>,
  claim: { accessToken: string },
): Promise<{ name?: string }> {
  const credentials = readTwilioCredentials(claim.accessToken);
  if (!credentials)
    throw onboardingError('bad_request', 'token_invalid', 'the Twilio credentials are incomplete');
  let response: Awaited<ReturnType<typeof requestPlatformJson>>;
  try {
    response = await requestPlatformJson(
      {
        method: 'GET',
        url: `${env.TWILIO_API_BASE_URL}/2010-04-01/Accounts/${credentials.accountSid}.json`,
        headers: { authorization: basicAuthorization(credentials) },
      },
      { timeoutMs: env.SEND_REQUEST_TIMEOUT_MS, signal: new AbortController().signal, platform: 'Twilio' },
    );
  } catch (error) {
    if (error instanceof PlatformUnavailableError) {
      throw onboardingError('unavailable', 'platform_unreachable', `Twilio did not answer: ${error.message}`);
    }
    throw error;
  }
  const account = accountSchema.safeParse(response.body);
  if (response.status !== 200 || !account.success || account.data.sid !== credentials.accountSid) {
    throw onboardingError(
      'forbidden',
      'not_owner',
      `Twilio refused these credentials for account ${credentials.accountSid} (HTTP ${response.status})`,
    );
  }
  return { name: account.data.friendly_name };
}

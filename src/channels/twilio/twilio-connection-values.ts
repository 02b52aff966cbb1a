import { AppError } from '@/src/shared/app-error';
import { sealableTwilioCredentials } from './twilio-credentials';

// A Twilio connection's form (CLI, dashboard) as the connection's columns: the Account SID in
// business_account_id, the sender in phone_number_id (a WhatsApp address "whatsapp:+1…" or a
// Messaging Service SID MG…), the Auth Token as the webhook secret (Twilio signs every webhook
// with it, even when sends use an API key), and the send credentials sealed as the access token.

export type TwilioConnectionInput = {
  accountSid?: string;
  authToken?: string;
  apiKeySid?: string;
  apiKeySecret?: string;
  from?: string;
  messagingServiceSid?: string;
};

export type TwilioColumns = {
  businessAccountId?: string;
  phoneNumberId?: string;
  displayPhoneNumber?: string;
  appSecret?: string;
  accessToken?: string;
};

const accountSidPattern = /^AC[0-9a-fA-F]{32}$/;
const apiKeyPattern = /^SK[0-9a-fA-F]{32}$/;
const servicePattern = /^MG[0-9a-fA-F]{32}$/;
const fromPattern = /^whatsapp:\+\d{6,20}$/;

function refuse(message: string): never {
  throw new AppError('bad_request', message);
}

export function twilioColumns(input: TwilioConnectionInput): TwilioColumns {
  const { accountSid, authToken, apiKeySid, apiKeySecret, from, messagingServiceSid } = input;
  if (accountSid !== undefined && !accountSidPattern.test(accountSid))
    refuse('--account-sid is AC followed by 32 hex digits');
  if (from !== undefined && !fromPattern.test(from))
    refuse("--from is a WhatsApp address: 'whatsapp:+<digits>'");
  if (messagingServiceSid !== undefined && !servicePattern.test(messagingServiceSid))
    refuse('--messaging-service-sid is MG followed by 32 hex digits');
  if (from !== undefined && messagingServiceSid !== undefined)
    refuse('give --from or --messaging-service-sid, not both');
  if ((apiKeySid === undefined) !== (apiKeySecret === undefined))
    refuse('an API key needs both --api-key-sid and --api-key-secret');
  if (apiKeySid !== undefined && !apiKeyPattern.test(apiKeySid))
    refuse('--api-key-sid is SK followed by 32 hex digits');
  const secretGiven = authToken !== undefined || apiKeySid !== undefined;
  if (secretGiven && accountSid === undefined) refuse('give --account-sid with the Twilio credentials');
  if (apiKeySid !== undefined && authToken === undefined)
    refuse('Twilio signs its webhooks with the Auth Token: give --auth-token with the API key');
  const credentials =
    accountSid !== undefined && authToken !== undefined
      ? sealableTwilioCredentials({
          accountSid,
          username: apiKeySid ?? accountSid,
          password: apiKeySecret ?? authToken,
        })
      : undefined;
  return Object.fromEntries(
    Object.entries({
      businessAccountId: accountSid,
      phoneNumberId: from ?? messagingServiceSid,
      displayPhoneNumber: from?.replace(/\D/g, ''),
      appSecret: authToken,
      accessToken: credentials,
    }).filter(([, value]) => value !== undefined),
  );
}

import type { twilioConnectEs } from './twilio-connect-es';

// The Twilio WhatsApp connection form, in English.

export const twilioConnectEn: typeof twilioConnectEs = {
  accountSid: 'Twilio Account SID',
  accountSidHelp:
    'Starts with AC. You see it when you open console.twilio.com, in the “Account Info” box of the home page.',
  authToken: 'Twilio Auth Token',
  authTokenHelp:
    'Next to the Account SID in “Account Info” (press “Show” to see it). Twilio signs every message it sends us with it: that is how we know it comes from Twilio. Stored encrypted.',
  apiKeyTitle: 'Send with an API key (optional)',
  apiKeyIntro:
    'If you would rather not send with the Auth Token, create a key in the Twilio console: Account → API keys & tokens → “Create API key”. When you change the key, type the Auth Token too.',
  apiKeySid: 'Key SID (starts with SK)',
  apiKeySecret: 'Key secret',
  apiKeySecretHelp: 'Twilio shows it only once, when the key is created. Stored encrypted.',
  sender: 'WhatsApp number that answers, or Messaging Service SID',
  senderHelp:
    'The number as Twilio shows it in Messaging → Senders → WhatsApp senders, for example whatsapp:+5215512345678. If you send through a Messaging Service, paste its SID (starts with MG).',
  sendCredentials: 'Sending credentials',
  senderStored: 'Sender',
  webhookTitle: 'What to paste into Twilio',
  webhookHelp:
    'In Twilio, open your WhatsApp sender (Messaging → Senders → WhatsApp senders) or your Messaging Service. Paste this address into “A message comes in” / “Webhook URL for incoming messages”, method HTTP POST, and into “Status callback URL” too: that is how your customers’ messages reach us and how we know whether your replies were delivered and read.',
  changedAccountNeedsToken: 'You changed the Account SID: type that account’s Auth Token too.',
  reasons: {
    proof_needs_token:
      'To put the channel live or change the account or the sender, type the Auth Token again: with it we check with Twilio that the account is yours.',
    not_owner:
      'Twilio did not accept that Account SID with that Auth Token (or key). Check that both belong to the same account.',
    token_invalid: 'Twilio details are missing: type the Account SID and the Auth Token.',
    platform_unreachable: 'We could not reach Twilio. Wait a moment and try again.',
  } as Record<string, string>,
  fields: {
    accountSid: 'Account SID (AC followed by 32 letters and digits)',
    authToken: 'Auth Token',
    apiKeySid: 'Key SID (SK followed by 32 letters and digits)',
    apiKeySecret: 'Key secret',
    sender: 'WhatsApp number (whatsapp:+52…) or Messaging Service SID (MG…)',
  } as Record<string, string>,
};

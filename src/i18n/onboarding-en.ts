import type { OnboardingMessages } from './onboarding-es';

// Connecting channels, in English. Same shape as onboarding-es.ts.

export const onboardingEn: OnboardingMessages = {
  selfServeTitle: 'Connect in a few clicks',
  selfServeIntro:
    "Sign in with your business's Facebook or TikTok account and choose what to connect. No keys or codes to copy.",
  working: 'Connecting… keep this page open.',
  whatsappTitle: 'WhatsApp',
  whatsappHelp:
    'A Facebook window opens: choose your business and the WhatsApp number that will serve your customers.',
  coexistence: 'I already use this number in the WhatsApp Business app on my phone (keep using it)',
  coexistenceHelp: 'Your chats keep reaching your phone too. Needs WhatsApp Business app 2.24.17 or newer.',
  pin: "The number's 6-digit PIN",
  pinHelp:
    'If your number already has two-step verification, type that PIN. If not, choose one and keep it: WhatsApp asks for it if you ever change provider.',
  connectWhatsapp: 'Connect WhatsApp',
  pagesTitle: 'Facebook Messenger and Instagram',
  pagesHelp:
    "Sign in with Facebook and pick your business's Page. If a professional Instagram account is linked to it, we connect it too.",
  connectPages: 'Choose my Facebook Page',
  pickPage: 'Choose the Page that will answer messages',
  instagramLinked: 'with Instagram',
  withoutInstagram: 'no Instagram linked',
  connectThisPage: 'Connect this Page',
  tiktokTitle: 'TikTok',
  tiktokHelp: 'We take you to TikTok to authorise your business account, then bring you back here.',
  connectTiktok: 'Connect TikTok',
  connected: (what: string) => `Done: ${what} is connected and live.`,
  connectedPage: (page: string, instagram: string | undefined) =>
    instagram
      ? `Done: the Page ${page} and its Instagram @${instagram} are connected.`
      : `Done: the Page ${page} is connected.`,
  manualTitle: 'Manual connection (advanced)',
  ownAppToggle: 'I use my own Meta / TikTok app (advanced)',
  ownAppHelp:
    "Only if your business created its own app on Meta for Developers or TikTok. If you don't know what that is, leave it empty: we use the platform's app.",
  webhookOwnHelp:
    'Your app delivers messages to this address: paste it into your Meta or TikTok app as the callback URL (webhook), with the verify token below.',
  webhookAddress: 'Where your messages arrive',
  webhookPlatformHelp: "Uses the platform's app: nothing to set up. This is where your messages arrive.",
  appKind: { own: 'Own app', platform: "Platform's app" } as Record<string, string>,
  fieldHelp: {
    phoneNumberId: 'Meta for Developers › WhatsApp › API Setup: the "Phone number ID" (digits only).',
    businessAccountId:
      'Same screen: the "WhatsApp Business Account ID". We use it to check that the number is yours.',
    displayPhoneNumber:
      'Your number as customers see it, digits only with the country code (e.g. 5215512345678).',
    pageId: 'Your Facebook Page › About › "Page ID".',
    instagramAccountId: 'The id of your professional Instagram account (Meta Business Suite shows it).',
    businessId: 'The id of your TikTok business account from its authorisation.',
    emailAddress:
      'The address your customers write to (e.g. hello@yourclinic.com). Replies go from it: its domain must be verified in Postmark.',
    inboundCredentials:
      "Make up a user and a long password and write them as user:password. Put them in Postmark's inbound webhook address too (https://user:password@…). That is how we know the mail really comes from Postmark.",
    emailAccessToken:
      'Your Postmark server key ("Server API token", under Servers › API Tokens). We send your replies with it.',
    accessToken:
      'The long key Meta or TikTok gives you to send messages for your business (the "access token"). We check with it that the account is yours.',
    webhookSecret:
      "Your own app's app secret (Meta: Settings › Basic). It proves that messages really come from Meta or TikTok.",
  } as Record<string, string>,
  reasons: {
    proof_needs_token:
      'To make this account live, paste the access token again: we check with it that the account is yours.',
    proof_needs_waba:
      'The WhatsApp Business Account ID is missing: we need it to check that the number is yours.',
    not_owner:
      "Meta or TikTok says this token has no access to that account. Check that the id and the token are your business's.",
    token_invalid: 'Meta rejected the access token (expired or revoked). Create a new one and try again.',
    permission_missing:
      'The token lacks a permission. Connect again and accept every permission the Facebook window asks for.',
    platform_unreachable: 'We could not reach Meta or TikTok. Wait a moment and try again.',
    platform_secret_reused:
      "That is the platform's app secret, not your own app's. Leave it empty to use the platform's app.",
    platform_app_missing:
      'Connecting in a few clicks is not set up on this server. Use the manual connection.',
    code_invalid:
      "Facebook's authorisation expired (it lasts 30 seconds) or was already used. Press the button to start again.",
    signup_cancelled:
      'You closed the Facebook window before finishing. Press the button again whenever you like.',
    signup_incomplete:
      'Facebook did not give us the WhatsApp number. Try again and pick a number in the last step.',
    number_not_found:
      'We found no WhatsApp number in that account. Check in WhatsApp Manager that the number is added.',
    pin_mismatch:
      'The number already has another two-step verification PIN. Type that PIN (or change it in WhatsApp Manager) and try again.',
    register_limit:
      'WhatsApp allows few registration attempts per number: wait 72 hours before trying again.',
    number_needs_verification:
      'The number is not verified yet. Verify it with the SMS code in WhatsApp Manager and try again.',
    number_recently_deleted:
      'The number was recently deleted from another account. Wait 5 minutes and try again.',
    register_failed: 'WhatsApp did not accept registering the number. Try again or contact support.',
    subscribe_failed: 'We could not subscribe the account to receive messages. Try again in a moment.',
    no_pages: 'Your Facebook user manages no Page. Ask whoever manages it to give you access.',
    page_not_found: 'That Page is no longer in your Facebook account. Start again.',
    state_invalid: 'This connection attempt expired or was already used. Press the button to start again.',
    secret_in_use:
      'Another business already uses that app secret. Each business needs its own app (or use the platform one).',
    account_in_use: 'That account is already connected to another business. If it is yours, contact support.',
    own_app_needs_secret: 'An own app needs its app secret.',
  } as Record<string, string>,
};

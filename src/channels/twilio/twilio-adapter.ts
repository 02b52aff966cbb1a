import type { ChannelAdapter } from '@/src/channels/channel-adapter';
import type { ChoiceLimits } from '@/src/channels/choice-limits';
import { whatsappReplyWindow } from '../whatsapp/whatsapp-reply-window';
import { buildTwilioTestDelivery } from './build-twilio-test-delivery';
import { normaliseTwilioWebhook } from './normalise-twilio-webhook';
import { parseTwilioForm } from './parse-twilio-form';
import { twilioSender } from './send-twilio';
import { twilioPublicUrl } from './twilio-public-url';
import { verifyTwilioSignature } from './verify-twilio-signature';

// WhatsApp through Twilio (PLATFORMS.md §5, PLATFORMS-2.md §11). Each connection's Auth Token
// signs its webhooks (no deployment-wide secret, no GET handshake). Twilio's Messages API takes
// at most 1,600 characters in Body. Without Content API buttons, choices go numbered in the words.

const bodyMax = 1600;
const twilioChoiceLimits: ChoiceLimits = {
  render: 'numbered_text',
  buttons: { maxChoices: 3, title: 24, id: 200, description: 0, body: bodyMax, listButton: 0 },
  list: { maxChoices: 10, title: 24, id: 200, description: 72, body: bodyMax, listButton: 0 },
};

export const twilioAdapter: ChannelAdapter = {
  inbound: {
    verifySignature: ({ rawBody, headers, url }, secrets, env) =>
      verifyTwilioSignature(rawBody, headers, twilioPublicUrl(url, env), secrets),
    // Twilio's own webhook middleware answers 403 to an unsigned or forged request.
    refusalStatus: 403,
    fallbackSecret: () => undefined,
    parseBody: parseTwilioForm,
    normalise: normaliseTwilioWebhook,
    buildTestDelivery: buildTwilioTestDelivery,
  },
  sender: twilioSender,
  textLimit: { max: bodyMax, unit: 'characters' },
  choices: twilioChoiceLimits,
  // Twilio has no token to refresh or expire: a refused credential shows up as error 20003 on send.
  tokenHealth: { inspect: () => Promise.resolve({ valid: true }) },
  // WhatsApp's own rule: free text within 24 h, templates (Content API ContentSid) any time (63016).
  replyWindow: whatsappReplyWindow,
};

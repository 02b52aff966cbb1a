import { z } from 'zod';
import { channelSchema } from '@/src/channels/channel-registry';
import { connectChannelSchema } from '@/src/channels/connect-channel';

// The channel form, as the browser posts it: strings, blanks meaning "leave as it is". It maps
// onto the same schema the CLI uses (minus the tenant, which comes from the signed-in member).

const blankToUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;
const optionalText = z.preprocess(blankToUndefined, z.string().optional());

export const channelFormSchema = z.object({
  channel: channelSchema,
  mode: z.enum(['live', 'sandbox']),
  aiEnabled: z.enum(['on', 'off']),
  displayName: optionalText,
  phoneNumberId: optionalText,
  businessAccountId: optionalText,
  displayPhoneNumber: optionalText,
  pageId: optionalText,
  instagramAccountId: optionalText,
  businessId: optionalText,
  emailAddress: optionalText,
  accessToken: optionalText,
  webhookSecret: optionalText,
  verifyToken: optionalText,
  // Twilio (twilio-form-input.ts checks them).
  accountSid: optionalText,
  authToken: optionalText,
  apiKeySid: optionalText,
  apiKeySecret: optionalText,
  sender: optionalText,
});

export const staffConnectSchema = connectChannelSchema.omit({ tenantSlug: true });
/** Form fields → the shared connect schema; secrets go to appSecret (Meta), clientSecret (TikTok) or inboundCredentials (email). */
export function toConnectInput(form: z.infer<typeof channelFormSchema>): unknown {
  const { webhookSecret, aiEnabled, ...rest } = form;
  const secretKey =
    form.channel === 'tiktok'
      ? 'clientSecret'
      : form.channel === 'email'
        ? 'inboundCredentials'
        : 'appSecret';
  return Object.fromEntries(
    Object.entries({ ...rest, aiEnabled: aiEnabled === 'on', [secretKey]: webhookSecret }).filter(
      ([, value]) => value !== undefined,
    ),
  );
}

import { z } from 'zod';

// The fields we read from a Twilio Messaging webhook (PLATFORMS.md §5): an inbound WhatsApp
// message or a status callback, both form posts. Twilio adds fields without notice: the rest
// are kept in `raw` and never refuse a delivery.

const sid = (prefix: string) => z.string().regex(new RegExp(`^${prefix}[0-9a-fA-F]{32}$`));
const optionalText = (max: number) => z.string().max(max).optional();

/** Not a Twilio message webhook at all (no MessageSid or AccountSid): refused (400). */
export const twilioFormSchema = z.looseObject({
  MessageSid: z.string().regex(/^(SM|MM)[0-9a-fA-F]{32}$/),
  AccountSid: sid('AC'),
  MessagingServiceSid: sid('MG').optional(),
  From: optionalText(256),
  To: optionalText(256),
  Body: optionalText(100_000),
  NumMedia: z
    .string()
    .regex(/^\d{1,2}$/)
    .optional(),
  ProfileName: optionalText(512),
  WaId: z
    .string()
    .regex(/^\d{4,20}$/)
    .optional(),
  ButtonText: optionalText(1024),
  ButtonPayload: optionalText(4096),
  Latitude: optionalText(64),
  Longitude: optionalText(64),
  Address: optionalText(1024),
  Label: optionalText(1024),
  MessageType: optionalText(64),
  OriginalRepliedMessageSid: optionalText(64),
  SmsStatus: optionalText(64),
  MessageStatus: optionalText(64),
  ErrorCode: optionalText(32),
  ErrorMessage: optionalText(1024),
});

export type TwilioForm = z.infer<typeof twilioFormSchema>;

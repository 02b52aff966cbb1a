import { z } from 'zod';

// Postmark's webhook bodies (PLATFORMS-2.md §9.1; the official `postmark` package's
// InboundWebhook and Bounce types). Only what we read is required; the rest passes through.

const address = z.object({ Email: z.string(), Name: z.string().optional().default('') }).loose();

export const postmarkHeaderSchema = z.object({ Name: z.string(), Value: z.string() });

export const postmarkAttachmentSchema = z
  .object({
    Name: z.string().optional().default(''),
    ContentType: z.string().optional().default('application/octet-stream'),
    ContentLength: z.number().optional(),
    Content: z.string().optional(),
    ContentID: z.string().optional(),
  })
  .loose();

export const postmarkInboundSchema = z
  .object({
    From: z.string().optional().default(''),
    FromName: z.string().optional().default(''),
    FromFull: address.optional(),
    To: z.string().optional().default(''),
    ToFull: z.array(address).optional().default([]),
    OriginalRecipient: z.string().optional().default(''),
    Subject: z.string().optional().default(''),
    Date: z.string().optional().default(''),
    MessageID: z.string().min(1),
    MailboxHash: z.string().optional().default(''),
    TextBody: z.string().optional().default(''),
    HtmlBody: z.string().optional().default(''),
    StrippedTextReply: z.string().optional().default(''),
    RawEmail: z.string().optional(),
    Headers: z.array(postmarkHeaderSchema).optional().default([]),
    Attachments: z.array(postmarkAttachmentSchema).optional().default([]),
  })
  .loose();

export type PostmarkInbound = z.infer<typeof postmarkInboundSchema>;

/** Bounce and SpamComplaint webhooks: about a message we sent (Postmark's MessageID). */
export const postmarkBounceSchema = z
  .object({
    RecordType: z.enum(['Bounce', 'SpamComplaint']),
    MessageID: z.string().min(1),
    Type: z.string().optional().default(''),
    TypeCode: z.number().optional(),
    Description: z.string().optional().default(''),
    Details: z.string().optional().default(''),
    Email: z.string().optional().default(''),
    From: z.string().optional().default(''),
    BouncedAt: z.string().optional(),
  })
  .loose();

export type PostmarkBounce = z.infer<typeof postmarkBounceSchema>;

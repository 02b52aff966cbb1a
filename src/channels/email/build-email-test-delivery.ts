import { randomUUID } from 'node:crypto';
import type { TestDelivery, TestDeliveryInput } from '@/src/channels/test-delivery';
import { basicAuthHeader } from './verify-basic-auth';

// A Postmark Inbound webhook as Postmark posts it (PLATFORMS-2.md §9.1), with the connection's
// Basic credentials: what `npm run cli -- webhook send` and the simulator post.
export function buildEmailTestDelivery(input: TestDeliveryInput): TestDelivery {
  const sender = input.sender ?? 'cliente.prueba@example.com';
  const to = input.account.email_address ?? 'hola@example.com';
  const id = randomUUID();
  const body = JSON.stringify({
    FromName: 'Cliente de prueba',
    MessageStream: 'inbound',
    From: sender,
    FromFull: { Email: sender, Name: 'Cliente de prueba', MailboxHash: '' },
    To: to,
    ToFull: [{ Email: to, Name: '', MailboxHash: '' }],
    Cc: '',
    CcFull: [],
    Bcc: '',
    BccFull: [],
    OriginalRecipient: to,
    // No subject: the stored line is exactly the text sent (a subject would head it).
    Subject: '',
    MessageID: id,
    ReplyTo: '',
    MailboxHash: '',
    Date: input.now.toUTCString(),
    TextBody: input.text,
    HtmlBody: '',
    StrippedTextReply: '',
    Tag: '',
    Headers: [
      { Name: 'Message-ID', Value: `<${id}@mail.example.com>` },
      { Name: 'MIME-Version', Value: '1.0' },
    ],
    Attachments: [],
  });
  return { body, sender, headers: { authorization: basicAuthHeader(input.secret) } };
}

import type { AddressObject, ParsedMail } from 'mailparser';
import { simpleParser } from 'mailparser';
import { AppError } from '@/src/shared/app-error';

// Postmark adds the whole message as `RawEmail` when the server's "Include raw email content"
// is on, and other inbound providers post only raw MIME. A body carrying RawEmail but not the
// parsed fields gets them from the MIME, parsed by mailparser (Nodemailer's parser: encodings,
// charsets, multipart and folded headers are its work, not ours), so the rest of the channel
// reads one shape. Fields Postmark already gave are kept as they are.

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function addresses(value: AddressObject | AddressObject[] | undefined) {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  return list.flatMap((group) => group.value).filter((entry) => entry.address);
}

/** "Name: value" with folding (CRLF + whitespace) undone. */
function headerOf(line: string): { Name: string; Value: string } {
  const at = line.indexOf(':');
  return {
    Name: line.slice(0, at).trim(),
    Value: line
      .slice(at + 1)
      .replace(/\r?\n[ \t]+/g, ' ')
      .trim(),
  };
}

const parsedAlready = (body: Json) =>
  Array.isArray(body.Headers) && body.Headers.length > 0 && Boolean(body.TextBody || body.HtmlBody);

export async function expandRawEmail(body: unknown): Promise<unknown> {
  if (!isRecord(body) || typeof body.RawEmail !== 'string' || parsedAlready(body)) return body;
  let mail: ParsedMail;
  try {
    mail = await simpleParser(body.RawEmail, {
      skipHtmlToText: false,
      skipImageLinks: true,
      skipTextLinks: true,
      skipTextToHtml: true,
    });
  } catch {
    throw new AppError('bad_request', 'RawEmail is not a MIME message we can read');
  }
  const from = addresses(mail.from)[0];
  const to = addresses(mail.to);
  const text = (value: unknown, fallback: string | undefined) =>
    typeof value === 'string' && value !== '' ? value : (fallback ?? '');
  return {
    ...body,
    MessageID: text(body.MessageID, mail.messageId),
    From: text(body.From, from?.address),
    FromName: text(body.FromName, from?.name),
    FromFull: body.FromFull ?? (from ? { Email: from.address, Name: from.name ?? '' } : undefined),
    To: text(body.To, to.map((entry) => entry.address).join(', ')),
    ToFull: Array.isArray(body.ToFull)
      ? body.ToFull
      : to.map((entry) => ({ Email: entry.address, Name: entry.name })),
    Subject: text(body.Subject, mail.subject),
    TextBody: text(body.TextBody, mail.text),
    HtmlBody: text(body.HtmlBody, mail.html || undefined),
    Headers: mail.headerLines.map(({ line }) => headerOf(line)),
    Attachments: mail.attachments.map((file) => ({
      Name: file.filename ?? '',
      ContentType: file.contentType,
      ContentLength: file.size,
      Content: Buffer.from(file.content).toString('base64'),
      ContentID: file.cid ?? '',
    })),
  };
}

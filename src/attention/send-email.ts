import nodemailer from 'nodemailer';

// A plain-text email through SMTP (SMTP_URL). Errors propagate: the job retries them.

export async function sendEmail(
  smtpUrl: string,
  message: { from: string; to: string; subject: string; text: string },
): Promise<void> {
  const transport = nodemailer.createTransport(smtpUrl);
  try {
    await transport.sendMail(message);
  } finally {
    transport.close();
  }
}

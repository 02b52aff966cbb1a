import { setEnvForProcess } from '@/src/env';
import type { TestDatabase } from '../../support/test-database';
import { callRoute } from './call-route';
import { routes } from './post-webhook';
import { twilioSignature } from './sign';
import { fixtureAccounts, secrets } from './webhook-tenant';

// Twilio Messaging webhooks as Twilio posts them (form fields of PLATFORMS.md §5), signed for
// the public URL while the request reaches the route on an internal host, as behind Vercel.

export const publicBase = 'https://inbox.example.com';
export const internalBase = 'http://10.0.0.7:3000';

export function useTwilioPublicBase(): void {
  setEnvForProcess({ APP_BASE_URL: publicBase });
}

let counter = 0;
export function messageSid(prefix = 'SM'): string {
  counter += 1;
  return `${prefix}${Date.now().toString(16).padStart(16, '0')}${counter.toString(16).padStart(16, '0')}`;
}

export function inboundText(body: string, extra: Record<string, string> = {}): Record<string, string> {
  const sid = messageSid();
  return {
    SmsMessageSid: sid,
    NumMedia: '0',
    ProfileName: 'Sofía Ramírez',
    MessageType: 'text',
    SmsSid: sid,
    WaId: '5215512345678',
    SmsStatus: 'received',
    Body: body,
    To: fixtureAccounts.twilio.from,
    NumSegments: '1',
    ReferralNumMedia: '0',
    MessageSid: sid,
    AccountSid: fixtureAccounts.twilio.accountSid,
    From: 'whatsapp:+5215512345678',
    ApiVersion: '2010-04-01',
    ...extra,
  };
}

export function statusCallback(sid: string, status: string, extra: Record<string, string> = {}) {
  return {
    SmsSid: sid,
    SmsStatus: status,
    MessageStatus: status,
    ChannelToAddress: '+5215512345678',
    To: 'whatsapp:+5215512345678',
    ChannelPrefix: 'whatsapp',
    MessageSid: sid,
    AccountSid: fixtureAccounts.twilio.accountSid,
    From: fixtureAccounts.twilio.from,
    ApiVersion: '2010-04-01',
    ...extra,
  };
}

export async function postTwilio(
  slug: string,
  fields: Record<string, string>,
  options: { token?: string | null; signedUrl?: string } = {},
) {
  const path = `/api/webhook/twilio/${slug}`;
  const body = new URLSearchParams(fields).toString();
  const token = options.token === undefined ? secrets.twilio : options.token;
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (token !== null) {
    headers['x-twilio-signature'] = twilioSignature(
      options.signedUrl ?? `${publicBase}${path}`,
      fields,
      token,
    );
  }
  const request = new Request(`${internalBase}${path}`, { method: 'POST', headers, body });
  const { response, afterTasks } = await callRoute(routes.twilio.POST, request, slug);
  const text = await response.text();
  return {
    status: response.status,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    afterTasks,
  };
}

export async function twilioMessages(test: TestDatabase, tenantId: string) {
  const { rows } = await test.pool.query(
    `select m.platform_message_id, m.direction, m.message_type, m.text, m.delivery_status, m.error_code
     from messages m where m.tenant_id = $1 and m.channel = 'twilio' order by m.created_at`,
    [tenantId],
  );
  return rows;
}

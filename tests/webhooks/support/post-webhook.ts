import './next-environment';
import * as webhookRoute from '@/app/api/webhook/[channel]/[tenantSlug]/route';
import { type Channel, channelNames } from '@/src/channels/channel-registry';
import { callRoute } from './call-route';
import { basicAuthorization, metaSignature, tiktokSignature } from './sign';
import { secretFor } from './webhook-tenant';

// Real Requests into the exported route handlers.

// One route serves every channel; callRoute passes the [channel] segment from the URL.
export const routes = Object.fromEntries(channelNames.map((channel) => [channel, webhookRoute])) as Record<
  Channel,
  typeof webhookRoute
>;

export type Posted = { status: number; body: Record<string, unknown>; afterTasks: Array<() => unknown> };

export function webhookUrl(channel: Channel, slug: string, query = ''): string {
  return `http://localhost:3000/api/webhook/${channel}/${slug}${query}`;
}

export function signedHeaders(
  channel: Channel,
  body: string | Buffer,
  secret = secretFor(channel),
): Record<string, string> {
  if (channel === 'email') return { authorization: basicAuthorization(secret) };
  return channel === 'tiktok'
    ? { 'tiktok-signature': tiktokSignature(body, secret) }
    : { 'x-hub-signature-256': metaSignature(body, secret) };
}

export async function postRaw(
  channel: Channel,
  slug: string,
  body: string | Buffer,
  headers: Record<string, string>,
): Promise<Posted> {
  const request = new Request(webhookUrl(channel, slug), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
  const { response, afterTasks } = await callRoute(routes[channel].POST, request, slug);
  const text = await response.text();
  return {
    status: response.status,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    afterTasks,
  };
}

/** Posts `body` signed with the channel's test secret. */
export function postSigned(channel: Channel, slug: string, body: string): Promise<Posted> {
  return postRaw(channel, slug, body, signedHeaders(channel, body));
}

export async function getVerification(channel: Channel, slug: string, query: string) {
  const request = new Request(webhookUrl(channel, slug, query), { method: 'GET' });
  const { response } = await callRoute(routes[channel].GET, request, slug);
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    text: await response.text(),
  };
}

import { z } from 'zod';
import { requestPlatformJson } from '@/src/channels/platform-json-request';
import type { SubscriptionOutcome, TokenHealthInput } from '@/src/channels/token-health-types';
import { throwGraphHealthError } from './graph-health-error';

// Webhook subscriptions fall off (PLATFORMS.md §1.3: Messenger unsubscribes an app after an hour
// of failed deliveries). GET /{waba_id|page_id}/subscribed_apps; when our app is missing, POST
// it back (the POST subscribes the token's app). For the tenant's own app we do not know its id:
// any subscribed app counts.

const wabaAppsSchema = z.object({
  data: z.array(
    z.object({ whatsapp_business_api_data: z.object({ id: z.string() }).loose().optional() }).loose(),
  ),
});
const pageAppsSchema = z.object({
  data: z.array(z.object({ id: z.string(), subscribed_fields: z.array(z.string()).optional() }).loose()),
});

/** The Page fields our Messenger and Instagram ingest reads. */
export const pageSubscribedFields = [
  'messages',
  'messaging_postbacks',
  'message_reads',
  'message_deliveries',
  'message_reactions',
  'message_echoes',
];

type Listed = { appId: string; fields?: string[] };

function ourAppListed(input: TokenHealthInput, apps: Listed[], needsMessages: boolean): boolean {
  const appId = input.connection.appKind === 'platform' ? input.env.META_APP_ID : undefined;
  const ours = appId ? apps.filter((app) => app.appId === appId) : apps;
  if (ours.length === 0) return false;
  return !needsMessages || ours.some((app) => app.fields === undefined || app.fields.includes('messages'));
}

async function ensure(
  input: TokenHealthInput,
  objectId: string,
  read: (body: unknown) => Listed[] | undefined,
  postQuery: string,
  needsMessages: boolean,
): Promise<SubscriptionOutcome> {
  const url = `${input.env.GRAPH_API_BASE_URL}/${input.env.GRAPH_API_VERSION}/${encodeURIComponent(objectId)}/subscribed_apps`;
  const options = { timeoutMs: input.env.SEND_REQUEST_TIMEOUT_MS, signal: input.signal, platform: 'Meta' };
  const headers = { authorization: `Bearer ${input.accessToken}` };
  const listed = await requestPlatformJson({ method: 'GET', url, headers }, options);
  if (listed.status >= 400) throwGraphHealthError(listed.status, listed.body, 'GET subscribed_apps');
  const apps = read(listed.body);
  if (!apps) throw new Error('subscribed_apps answered without a data list');
  if (ourAppListed(input, apps, needsMessages)) return 'subscribed';
  const restored = await requestPlatformJson({ method: 'POST', url: `${url}${postQuery}`, headers }, options);
  if (restored.status >= 400) throwGraphHealthError(restored.status, restored.body, 'POST subscribed_apps');
  if ((restored.body as { success?: unknown } | null)?.success !== true) {
    throw new Error('POST subscribed_apps did not answer success');
  }
  return 'restored';
}

export function ensureWabaSubscription(input: TokenHealthInput): Promise<SubscriptionOutcome> {
  const wabaId = input.connection.account.business_account_id;
  if (!wabaId) return Promise.resolve('not_checked');
  return ensure(
    input,
    wabaId,
    (body) =>
      wabaAppsSchema
        .safeParse(body)
        .data?.data.flatMap((row) =>
          row.whatsapp_business_api_data ? [{ appId: row.whatsapp_business_api_data.id }] : [],
        ),
    '',
    false,
  );
}

export function ensurePageSubscription(input: TokenHealthInput): Promise<SubscriptionOutcome> {
  const pageId = input.connection.account.page_id;
  if (!pageId) return Promise.resolve('not_checked');
  return ensure(
    input,
    pageId,
    (body) =>
      pageAppsSchema
        .safeParse(body)
        .data?.data.map((row) => ({ appId: row.id, fields: row.subscribed_fields })),
    `?subscribed_fields=${pageSubscribedFields.join(',')}`,
    true,
  );
}

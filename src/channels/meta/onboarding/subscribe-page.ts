import { type GraphEnv, graphCall } from './graph-call';
import { graphRefusal } from './graph-refusal';

// POST /{page_id}/subscribed_apps with the Page token: webhooks arrive only for fields
// subscribed at both the Page and the app (PLATFORMS-2.md §1.5). Idempotent.
export const pageMessagingFields = [
  'messages',
  'messaging_postbacks',
  'message_reads',
  'message_deliveries',
  'message_echoes',
  'message_reactions',
];

export async function subscribePage(env: GraphEnv, pageId: string, pageToken: string): Promise<void> {
  await graphCall(env, {
    method: 'POST',
    path: `${encodeURIComponent(pageId)}/subscribed_apps`,
    token: pageToken,
    query: { subscribed_fields: pageMessagingFields.join(',') },
  }).catch((error: unknown) => {
    throw graphRefusal(error, `page ${pageId}`);
  });
}

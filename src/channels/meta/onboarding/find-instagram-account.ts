import { z } from 'zod';
import { type GraphEnv, graphCall } from './graph-call';
import { graphRefusal } from './graph-refusal';

// GET /{page_id}?fields=instagram_business_account: the Instagram professional account linked
// to a Page (Messenger Platform), read with the Page token.

const pageSchema = z.object({
  id: z.string(),
  instagram_business_account: z.object({ id: z.string(), username: z.string().optional() }).optional(),
});

export async function findInstagramAccount(
  env: GraphEnv,
  pageId: string,
  pageToken: string,
): Promise<{ id: string; username?: string } | undefined> {
  const body = await graphCall(env, {
    path: encodeURIComponent(pageId),
    token: pageToken,
    query: { fields: 'id,instagram_business_account{id,username}' },
  }).catch((error: unknown) => {
    throw graphRefusal(error, `page ${pageId}`);
  });
  return pageSchema.parse(body).instagram_business_account;
}

import { z } from 'zod';
import { type GraphEnv, graphCall } from './graph-call';
import { graphRefusal } from './graph-refusal';

// GET /me/accounts with the user token: the Pages the person manages, each with its Page token
// and the Instagram professional account linked to it.

const pagesSchema = z.object({
  data: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      access_token: z.string().min(1),
      instagram_business_account: z.object({ id: z.string(), username: z.string().optional() }).optional(),
    }),
  ),
});
export type ManagedPage = z.infer<typeof pagesSchema>['data'][number];

export async function listPages(env: GraphEnv, userToken: string): Promise<ManagedPage[]> {
  const body = await graphCall(env, {
    path: 'me/accounts',
    token: userToken,
    query: { fields: 'id,name,access_token,instagram_business_account{id,username}', limit: '100' },
  }).catch((error: unknown) => {
    throw graphRefusal(error, 'the pages of this Facebook user');
  });
  return pagesSchema.parse(body).data;
}

import { z } from 'zod';
import { type GraphEnv, graphCall } from './graph-call';
import { graphRefusal } from './graph-refusal';

// GET /{waba_id}/phone_numbers: the numbers of a WhatsApp Business Account (Coexistence finds
// its number here; the ownership check asks whether the claimed number is one of them).

const listSchema = z.object({
  data: z.array(
    z.object({
      id: z.string(),
      display_phone_number: z.string().optional(),
      verified_name: z.string().optional(),
      quality_rating: z.string().optional(),
    }),
  ),
});
export type WabaPhoneNumber = z.infer<typeof listSchema>['data'][number];

export async function listWabaPhoneNumbers(
  env: GraphEnv,
  wabaId: string,
  token: string,
): Promise<WabaPhoneNumber[]> {
  const body = await graphCall(env, {
    path: `${encodeURIComponent(wabaId)}/phone_numbers`,
    token,
    query: { fields: 'id,display_phone_number,verified_name,quality_rating', limit: '100' },
  }).catch((error: unknown) => {
    throw graphRefusal(error, `WhatsApp Business Account ${wabaId}`);
  });
  return listSchema.parse(body).data;
}

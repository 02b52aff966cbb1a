import { z } from 'zod';
import { type GraphEnv, graphCall } from './graph-call';
import { graphRefusal } from './graph-refusal';

// GET /{phone_number_id}: answers only for a token that can see the number; it also gives what
// the channel card shows (display name, the number, its quality rating).

const phoneNumberSchema = z.object({
  id: z.string(),
  display_phone_number: z.string().optional(),
  verified_name: z.string().optional(),
  quality_rating: z.string().optional(),
});
export type PhoneNumberFacts = z.infer<typeof phoneNumberSchema>;

export async function readPhoneNumber(
  env: GraphEnv,
  phoneNumberId: string,
  token: string,
): Promise<PhoneNumberFacts> {
  const body = await graphCall(env, {
    path: encodeURIComponent(phoneNumberId),
    token,
    query: { fields: 'id,display_phone_number,verified_name,quality_rating' },
  }).catch((error: unknown) => {
    throw graphRefusal(error, `phone number ${phoneNumberId}`);
  });
  return phoneNumberSchema.parse(body);
}

import { type GraphEnv, graphCall } from './graph-call';
import { graphRefusal } from './graph-refusal';

// Embedded Signup step 2: subscribe our app to the customer's WABA, or no `messages` webhooks
// arrive. Subscribing again is harmless, so a retried onboarding may repeat it.
export async function subscribeWaba(env: GraphEnv, wabaId: string, token: string): Promise<void> {
  await graphCall(env, {
    method: 'POST',
    path: `${encodeURIComponent(wabaId)}/subscribed_apps`,
    token,
  }).catch((error: unknown) => {
    throw graphRefusal(error, `WhatsApp Business Account ${wabaId}`);
  });
}

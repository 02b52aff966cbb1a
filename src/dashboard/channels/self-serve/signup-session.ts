'use client';

import { isFacebookOrigin } from './facebook-sdk';

// The WA_EMBEDDED_SIGNUP session event (PLATFORMS-2.md §1.2). It and FB.login's callback arrive
// in either order: both are kept and the signup is finished once both are there.

export type SignupSession =
  | { kind: 'finish'; event: string; wabaId: string; phoneNumberId?: string }
  | { kind: 'cancel' };

export function readSignupSession(event: MessageEvent, sdkUrl: string): SignupSession | undefined {
  if (!isFacebookOrigin(event.origin, sdkUrl) || typeof event.data !== 'string') return undefined;
  let message: { type?: string; event?: string; data?: { waba_id?: string; phone_number_id?: string } };
  try {
    message = JSON.parse(event.data);
  } catch {
    return undefined; // the SDK's own non-JSON messages
  }
  if (message.type !== 'WA_EMBEDDED_SIGNUP') return undefined;
  if (message.event === 'CANCEL') return { kind: 'cancel' };
  if (!message.event?.startsWith('FINISH') || !message.data?.waba_id) return undefined;
  return {
    kind: 'finish',
    event: message.event,
    wabaId: message.data.waba_id,
    phoneNumberId: message.data.phone_number_id,
  };
}

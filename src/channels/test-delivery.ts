import { randomUUID } from 'node:crypto';
import type { ChannelAccount } from './channel-account';

// A realistic, correctly signed inbound text delivery, shaped like the platform's own
// (PLATFORMS.md §2-4): what `npm run cli -- webhook send` and the simulator post.

export type TestDeliveryInput = {
  account: ChannelAccount;
  secret: string;
  text: string;
  sender?: string;
  now: Date;
  /** The public URL the delivery is posted to (Twilio signs it). */
  url: string;
};

export type TestDelivery = { body: string; headers: Record<string, string>; sender: string };

export function uniqueTestId(): string {
  return randomUUID().replaceAll('-', '').toUpperCase();
}

import type {
  SubscriptionOutcome,
  TokenHealthCheck,
  TokenHealthInput,
} from '@/src/channels/token-health-types';
import { inspectMetaToken } from './inspect-meta-token';

// WhatsApp, Messenger and Page-linked Instagram: Meta tokens cannot be refreshed by us (system
// user and Page tokens are re-issued by a person), so the check inspects and restores only.
export function metaTokenHealth(
  ensureSubscribed: (input: TokenHealthInput) => Promise<SubscriptionOutcome>,
): TokenHealthCheck {
  return { inspect: inspectMetaToken, ensureSubscribed };
}

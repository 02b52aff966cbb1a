import type { AiContext } from './ai-context';
import { newCustomerMessages } from './conversation-turns';

// When the AI must stay silent. The record step re-checks the conversation rules under a lock,
// because a human can take over while Claude is thinking.
export function decideAiSkip(context: AiContext): string | undefined {
  const { conversation, connection, latest_inbound: latest } = context;
  if (conversation.handled_by === 'human') return 'human_handled';
  if (conversation.escalated_at) return 'escalated';
  if (conversation.status === 'resolved' || conversation.status === 'closed')
    return `conversation_${conversation.status}`;
  if (!connection) return 'no_connection';
  if (!connection.ai_enabled) return 'ai_disabled';
  if (connection.status !== 'connected') return `connection_${connection.status}`;
  if (!latest) return 'no_customer_message';
  if (context.answered) return 'already_answered';
  // Everything the customer wrote since the last reply was deleted: nothing to answer.
  const fresh = newCustomerMessages(context.history);
  if (fresh.length > 0 && fresh.every((message) => message.deleted)) return 'deleted_by_customer';
  const lastInbound = conversation.last_inbound_at ?? latest.created_at;
  if (context.now.getTime() - lastInbound.getTime() > 24 * 3_600_000) return 'outside_24h_window';
  return undefined;
}

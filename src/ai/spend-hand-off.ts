import { fitTextToChannel } from '@/src/channels/fit-text-to-channel';
import type { AiContext, HistoryMessage } from './ai-context';
import { answerOffline } from './offline-responder';
import type { ReplyDraft } from './reply-draft';

// Over the monthly budget or the customer's daily cap: the offline responder answers what it
// can (an FAQ, prices, a greeting; else the hand-off message) at no cost, and the conversation
// goes to a person with the reason staff read in the inbox.
export function spendHandOff(context: AiContext, fresh: HistoryMessage[], reason: string): ReplyDraft {
  const answer = answerOffline(context, fresh);
  const answered = !answer.escalate;
  return {
    text: fitTextToChannel(answer.text, context.conversation.channel),
    sender: answered ? 'ai' : 'system',
    generatedBy: answered ? 'offline' : null,
    signals: answer.signals,
    intent: answer.intent,
    escalate: true,
    escalationReason: reason,
  };
}

import { fitTextToChannel } from '@/src/channels/fit-text-to-channel';
import type { DbPort } from '@/src/db/rpc-port';
import type { AppEnv } from '@/src/env';
import { RetryableJobError } from '@/src/jobs/job-types';
import { mediaStorageFor } from '@/src/media/media-storage';
import { log } from '@/src/shared/logger';
import { checkAiSpend } from './ai-budget';
import { fitAiChoices } from './ai-choices';
import type { AiContext } from './ai-context';
import { classifyAiError } from './ai-failure';
import { totalTokens } from './ai-usage';
import { loadAppointmentCatalog, type ToolCallRecord } from './appointment-tools';
import { handOffText } from './closed-fallback';
import { newCustomerMessages } from './conversation-turns';
import { detectCustomerIntent } from './customer-intent';
import { findRuleEscalation } from './escalation-rules';
import { detectKeywordSignals } from './keyword-signals';
import { prepareMediaParts } from './media-blocks';
import { answerOfflineBooking } from './offline-booking';
import { answerOffline } from './offline-responder';
import { answerOfflineServicesMenu } from './offline-services-menu';
import { answerWithProviders, replyProviders } from './providers/answer-with-providers';
import type { ReplyDraft } from './reply-draft';
import { spendHandOff } from './spend-hand-off';
import { askToWriteText, untranscribedVoiceNotes } from './voice-notes';

// Decides what the customer gets: a rule hand-off, the model's answer (Claude or OpenAI, the
// other one when the chosen one is down and the tenant allows it), the offline responder's
// answer, or (every model failing for good) the fallback message with a hand-off. Never silence.

type ComposeOptions = {
  env: AppEnv;
  isLastAttempt: boolean;
  signal?: AbortSignal;
  /** Epoch ms by which Claude must have answered or been given up on (the job's timeout). */
  deadline?: number;
  /** The job's database: with it, a tenant with a bookable service gets the appointment tools. */
  db?: DbPort;
};

// A rule hand-off's intent is what the customer asked for: a complaint or a person (which never
// raises the score), or 'other' when a keyword such as "urgencia" or the message count decided.
function handOff(
  context: AiContext,
  reason: string,
  texts: string[],
  toolCalls: ToolCallRecord[] = [],
): ReplyDraft {
  return {
    text: fitTextToChannel(handOffText(context), context.conversation.channel),
    sender: 'system',
    generatedBy: null,
    signals: detectKeywordSignals(texts),
    intent: detectCustomerIntent(texts) ?? 'other',
    escalate: true,
    escalationReason: reason,
    toolCalls,
  };
}

export async function composeAiReply(context: AiContext, options: ComposeOptions): Promise<ReplyDraft> {
  const fresh = newCustomerMessages(context.history);
  const fields = { tenantId: context.tenant.id, conversationId: context.conversation.id };
  const rule = findRuleEscalation(context, fresh);
  if (rule) {
    log.info('ai.rule_escalation', {
      ...fields,
      rule: rule.startsWith('keyword') ? 'keyword' : 'message_count',
    });
    return handOff(
      context,
      rule,
      fresh.map((message) => message.text ?? ''),
    );
  }
  const providers = replyProviders(context.ai, options.env);
  // Past the monthly budget or the customer's daily cap, no model is called (src/ai/ai-budget.ts).
  const overSpend =
    options.db && providers.length ? await checkAiSpend(options.db, context, options.env) : undefined;
  if (overSpend) return spendHandOff(context, fresh, overSpend);
  // A voice note nobody could transcribe: the tenant chose to hand over, or to ask the customer
  // to write. With only such notes to answer, the ask is a fixed message (no model needed);
  // with other messages too, Claude answers them and asks (its rules say how).
  const unheard = untranscribedVoiceNotes(context);
  if (unheard.length && context.ai.voice_without_transcript === 'hand_over') {
    log.info('ai.voice_note_handoff', fields);
    return handOff(context, 'voice note without transcript', []);
  }
  if (unheard.length && unheard.length === fresh.length) {
    log.info('ai.voice_note_ask_to_write', fields);
    return {
      text: fitTextToChannel(askToWriteText, context.conversation.channel),
      sender: 'system',
      generatedBy: null,
      signals: [],
      intent: 'other',
      escalate: false,
      escalationReason: null,
    };
  }
  if (providers.length === 0) {
    const { db } = options;
    const booking = db
      ? await answerOfflineBooking(db, context, fresh, await loadAppointmentCatalog(db, context.tenant.id))
      : undefined;
    const menu = booking || !db ? undefined : await answerOfflineServicesMenu(db, context, fresh);
    const answer = booking ?? menu ?? answerOffline(context, fresh);
    log.info('ai.offline_reply', { ...fields, matched: answer.matched, escalate: answer.escalate });
    // Its hand-off is the same automatic message as every other hand-off, not an AI answer.
    return {
      text: fitTextToChannel(answer.text, context.conversation.channel),
      sender: answer.escalate ? 'system' : 'ai',
      generatedBy: answer.escalate ? null : 'offline',
      signals: answer.signals,
      intent: answer.intent,
      escalate: answer.escalate,
      escalationReason: answer.escalationReason,
      toolCalls: booking?.toolCalls,
      content: menu?.content ?? null,
    };
  }
  try {
    const { db } = options;
    const catalog = db ? await loadAppointmentCatalog(db, context.tenant.id) : [];
    const media = await prepareMediaParts(
      context.history,
      context.ai.media_turn_byte_budget,
      mediaStorageFor(options.env),
    );
    const { provider, reply } = await answerWithProviders(providers, context, options.env, {
      media,
      signal: options.signal,
      deadline: options.deadline,
      tools:
        db && catalog.length
          ? { db, catalog, actor: { tenantId: context.tenant.id, leadId: context.lead.id } }
          : undefined,
    });
    const words = reply.reply.trim() || context.ai.fallback_message;
    // Options to tap make no sense in a reply that hands the conversation to a person.
    const fitted = reply.escalate
      ? { text: fitTextToChannel(words, context.conversation.channel), content: null }
      : await fitAiChoices(reply, words, context, db);
    log.info('ai.model_reply', {
      ...fields,
      provider: provider.name,
      model: reply.model,
      intent: reply.intent,
      escalate: reply.escalate,
      choices: fitted.content ? fitted.content.style : reply.choices_style,
    });
    return {
      text: fitted.text,
      content: fitted.content,
      sender: 'ai',
      generatedBy: provider.generatedBy,
      signals: reply.signals,
      intent: reply.intent,
      escalate: reply.escalate,
      escalationReason: reply.escalate ? reply.escalation_reason.trim() || 'escalated by the AI' : null,
      toolCalls: reply.toolCalls,
      usage: reply.usage,
    };
  } catch (error) {
    const failure = classifyAiError(error);
    if (failure.retryable && !options.isLastAttempt) {
      log.warn('ai.retry', { ...fields, reason: failure.reason });
      throw new RetryableJobError(`AI: ${failure.reason}`, failure.retryAfterMs);
    }
    log.error('ai.failed', { ...fields, reason: failure.reason });
    const paid = failure.usage && totalTokens(failure.usage) > 0 ? failure.usage : undefined;
    return { ...handOff(context, `AI unavailable: ${failure.reason}`, [], failure.toolCalls), usage: paid };
  }
}

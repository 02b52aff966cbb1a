import type Anthropic from '@anthropic-ai/sdk';
import { channelAdapter } from '@/src/channels/channel-registry';
import type { AppEnv } from '@/src/env';
import type { AiContext } from './ai-context';
import { aiReplyJsonSchema } from './ai-reply-schema';
import { describeBusinessHours } from './business-hours';
import { buildConversationTurns } from './conversation-turns';
import { leadSignalNames } from './lead-signals';

// The Messages API request for one reply: the tenant's prompt and knowledge in `system`, the
// conversation as turns, and the structured-output schema. No prefill, no forced tool choice,
// and no temperature: API version 2026-10-21 (the one SDK 1.x speaks) removed sampling
// parameters for every model, so the tenant's temperature setting is kept but not sent.

function describeKnowledge(context: AiContext): string {
  const { services, faqs } = context.ai.knowledge;
  const serviceLines = services.map((service) =>
    Object.entries(service)
      .filter(([, value]) => typeof value === 'string' && value)
      .map(([key, value]) => (key === 'name' ? String(value) : `${key}: ${value}`))
      .join(' | '),
  );
  const faqLines = faqs.map((faq) => `Q: ${faq.question}\nA: ${faq.answer}`);
  return [
    serviceLines.length ? `Services:\n- ${serviceLines.join('\n- ')}` : 'Services: none listed.',
    faqLines.length ? `FAQ:\n${faqLines.join('\n')}` : 'FAQ: none listed.',
  ].join('\n\n');
}

function describeLead(context: AiContext): string {
  const { lead } = context;
  return `Customer: ${lead.name ?? 'name unknown'}; lead score ${lead.score}/100 (${lead.classification}); writing on ${context.conversation.channel}.`;
}

function outputRules(context: AiContext): string {
  const limit = channelAdapter(context.conversation.channel).textLimit.max;
  return [
    'Answer with the JSON object the schema describes:',
    `- reply: the next message to the customer, in their language, plain text, at most ${limit} characters.`,
    '- intent: what the customer wants most in their newest messages.',
    `- signals: lead signals found only in the customer's messages since the last reply (${leadSignalNames.join(', ')}); empty if none.`,
    '- escalate: true when the customer asks for a person, complains, describes an emergency, or you cannot answer from the information above. The reply then tells them a person from the team will follow up.',
    '- escalation_reason: a short reason when escalate is true, otherwise an empty string.',
    'Never invent prices, services, availability or policies that are not listed above.',
  ].join('\n');
}

export function buildClaudeRequest(
  context: AiContext,
  env: AppEnv,
  maxTokens: number,
): Anthropic.MessageCreateParamsNonStreaming {
  const model = context.ai.model || env.ANTHROPIC_MODEL;
  const system = [
    context.ai.system_prompt.trim() || `You are the assistant of ${context.tenant.name}.`,
    `Business: ${context.tenant.name}. Response style: ${context.ai.response_style}.`,
    describeBusinessHours(context.ai.business_hours, context.tenant.timezone, context.now),
    describeKnowledge(context),
    describeLead(context),
    outputRules(context),
  ].join('\n\n');
  return {
    model,
    max_tokens: maxTokens,
    system,
    messages: buildConversationTurns(context.history),
    output_config: { format: { type: 'json_schema', schema: aiReplyJsonSchema } },
  };
}

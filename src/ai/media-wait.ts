import type { AppEnv } from '@/src/env';
import type { FollowUpJob } from '@/src/jobs/job-types';
import type { AiContext } from './ai-context';
import { newCustomerMessages } from './conversation-turns';

// The AI job can run before fetch_media has stored what the customer just sent ("¿Cuánto cuesta
// esto?" + a photo). Answering then would answer without the photo, so while a fresh file is
// still pending and the customer's newest message is young, the job ends and the same reply is
// asked for again a few seconds later (one ai_response per conversation, same dedupe key; a new
// customer message's job takes its place). Bounded by the message's age, measured in database
// time: past it, the reply goes with the file described as not available yet. Audio counts only
// when it can be transcribed (OpenAI configured); otherwise waiting would change nothing.

export const mediaWait = { maxSeconds: 30, retryAfterSeconds: 5 } as const;

export function pendingMediaFollowUp(
  context: AiContext,
  env: AppEnv,
  payload: Record<string, unknown>,
): FollowUpJob | undefined {
  if (!context.latest_inbound) return undefined;
  const ageSeconds = (context.now.getTime() - context.latest_inbound.created_at.getTime()) / 1000;
  if (ageSeconds >= mediaWait.maxSeconds) return undefined;
  const waiting = newCustomerMessages(context.history).some((message) =>
    (message.media ?? []).some(
      (file) => file.status === 'pending' && (file.kind !== 'audio' || Boolean(env.OPENAI_API_KEY)),
    ),
  );
  if (!waiting) return undefined;
  const at = new Date(context.now.getTime() + mediaWait.retryAfterSeconds * 1000);
  return {
    job_type: 'ai_response',
    tenant_id: context.tenant.id,
    payload,
    priority: 10,
    dedupe_key: `ai_response:${context.conversation.id}`,
    scheduled_for: at.toISOString(),
  };
}

import type { DbPort } from '@/src/db/rpc-port';
import type { ClaimedJob } from '@/src/jobs/job-types';
import type { ReplyDraft } from './reply-draft';

// One SQL call (ai_record_reply): the outbound message, score change and its event, class,
// escalation, the send job, and the completion of this ai_response job, all or nothing.

export type RecordedReply =
  | { outcome: 'replied'; message_id: string; score_before: number; score_after: number; escalated: boolean }
  | { outcome: 'discarded' | 'skipped'; reason: string };

export function recordAiReply(
  db: DbPort,
  job: ClaimedJob,
  facts: { conversationId: string; latestInboundId: string },
  draft: ReplyDraft,
): Promise<RecordedReply> {
  return db.rpc('ai_record_reply', {
    p_job_id: job.id,
    p_locked_by: job.locked_by,
    p_attempts: job.attempts,
    p_conversation_id: facts.conversationId,
    p_latest_inbound_id: facts.latestInboundId,
    p_reply: {
      text: draft.text,
      sender: draft.sender,
      generated_by: draft.generatedBy,
      signals: draft.signals,
      intent: draft.intent,
      escalate: draft.escalate,
      escalation_reason: draft.escalationReason,
      tool_calls: draft.toolCalls?.length ? draft.toolCalls : null,
      content: draft.content ?? null,
      usage: draft.usage ?? null,
    },
  });
}

import type Anthropic from '@anthropic-ai/sdk';
import type { AppEnv } from '@/src/env';
import { log } from '@/src/shared/logger';
import type { AiContext } from './ai-context';
import { AiFailure } from './ai-failure';
import { type AiReply, aiReplySchema } from './ai-reply-schema';
import { buildClaudeRequest } from './build-claude-request';

// One reply from Claude. Thinking blocks may come first, so the answer is the first text block.
// Output that is cut off or does not match the schema is asked for once more (with more room);
// twice invalid is a non-retryable failure (the caller hands off with the fallback message).
// With a deadline (the job's timeout), every call and the SDK's own retries fit before it, with
// time kept to record the reply: a slow Claude ends in our hand-off, not in a killed job.

export type ClaudeReply = AiReply & { model: string };

function readReply(message: Anthropic.Message): AiReply | string {
  if (message.stop_reason === 'refusal') return 'refusal';
  if (message.stop_reason === 'max_tokens') return 'max_tokens';
  const block = message.content.find((candidate) => candidate.type === 'text');
  if (block?.type !== 'text') return 'no text block';
  let json: unknown;
  try {
    json = JSON.parse(block.text);
  } catch {
    return 'not JSON';
  }
  const parsed = aiReplySchema.safeParse(json);
  if (!parsed.success) return 'schema mismatch';
  if (!parsed.data.reply.trim() && !parsed.data.escalate) return 'empty reply';
  return parsed.data;
}

const recordReserveMs = 10_000;
const sdkBackoffAllowanceMs = 1_000;
const shortestCallMs = 500;

/** Per-request timeout so that the SDK's tries (each with a backoff) end before `until`. */
function callTimeoutMs(env: AppEnv, until: number | undefined): number | undefined {
  if (until === undefined) return undefined;
  const tries = env.AI_MAX_RETRIES + 1;
  const perTry = Math.floor((until - Date.now() - env.AI_MAX_RETRIES * sdkBackoffAllowanceMs) / tries);
  return Math.min(env.AI_REQUEST_TIMEOUT_MS, perTry);
}

export async function generateClaudeReply(
  client: Anthropic,
  context: AiContext,
  env: AppEnv,
  options: { signal?: AbortSignal; deadline?: number } = {},
): Promise<ClaudeReply> {
  const { signal, deadline } = options;
  const until =
    deadline === undefined ? undefined : deadline - Math.min(recordReserveMs, (deadline - Date.now()) / 5);
  let maxTokens = context.ai.max_tokens;
  const problems: string[] = [];
  for (let attempt = 1; attempt <= 2; attempt += 1) {
    const timeout = callTimeoutMs(env, until);
    if (timeout !== undefined && timeout < shortestCallMs) {
      if (attempt === 1) throw new AiFailure('timeout: no time left in the job', true);
      problems.push('no time left to ask again');
      break;
    }
    const request = buildClaudeRequest(context, env, maxTokens);
    const message = await client.messages.create(request, { signal, timeout });
    const reply = readReply(message);
    if (typeof reply !== 'string') return { ...reply, model: request.model };
    problems.push(reply);
    log.warn('ai.invalid_output', {
      conversationId: context.conversation.id,
      attempt,
      problem: reply,
      requestId: message._request_id,
    });
    if (reply === 'refusal') break;
    maxTokens = Math.min(8192, maxTokens * 2);
  }
  throw new AiFailure(`invalid output: ${problems.join(', ')}`, false);
}

import type Anthropic from '@anthropic-ai/sdk';
import type { DbPort } from '@/src/db/rpc-port';
import type { AppEnv } from '@/src/env';
import { log } from '@/src/shared/logger';
import type { AiContext } from './ai-context';
import { answerBy, callTimeoutMs, shortestCallMs } from './ai-deadline';
import { AiFailure, classifyAiError } from './ai-failure';
import { type AiReply, parseAiReply } from './ai-reply-schema';
import { type AiUsage, addUsage, emptyUsage } from './ai-usage';
import {
  type AppointmentCatalog,
  runAppointmentTool,
  type ToolActor,
  type ToolCallRecord,
} from './appointment-tools';
import { buildClaudeRequest } from './build-claude-request';
import type { MediaParts } from './media-blocks';
import { aiMaxOutputTokens, replyModel } from './model-allowlist';

// One reply from Claude. Thinking blocks may come first, so the answer is the first text block.
// Output that is cut off or does not match the schema is asked for once more (with more room);
// twice invalid is a non-retryable failure (the caller hands off with the fallback message).
// With a deadline (the job's timeout), every call and the SDK's own retries fit before it, with
// time kept to record the reply: a slow Claude ends in our hand-off, not in a killed job.
// With appointment tools (the tenant has a bookable service), Claude may answer tool_use: each
// call runs for the conversation's own lead (from the context, never from the model), and the
// assistant turn (thinking blocks included, unchanged) and one user turn of tool_result blocks
// are sent back. At most 4 such rounds; after them tool_choice is none, so the next answer is
// the structured reply. Every call stays inside the deadline.
// Once a tool has booked, moved or cancelled, a failure is not retried (a new job would start
// the conversation over and could act twice): it becomes the hand-off, recording the calls.

export type ClaudeReply = AiReply & { model: string; toolCalls: ToolCallRecord[]; usage: AiUsage };

export const maxToolRounds = 4;
export const changingOutcomes = new Set(['booked', 'rescheduled', 'updated']);

export type ClaudeTools = { db: DbPort; actor: ToolActor; catalog: AppointmentCatalog };

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
  const parsed = parseAiReply(json);
  if (!parsed) return 'schema mismatch';
  if (!parsed.reply.trim() && !parsed.escalate) return 'empty reply';
  return parsed;
}

async function runToolRound(
  message: Anthropic.Message,
  tools: ClaudeTools,
  toolCalls: ToolCallRecord[],
): Promise<Anthropic.MessageParam[]> {
  const results: Anthropic.ToolResultBlockParam[] = [];
  for (const block of message.content) {
    if (block.type !== 'tool_use') continue;
    const result = await runAppointmentTool(tools.db, tools.actor, block.name, block.input);
    toolCalls.push(result.record);
    results.push({
      type: 'tool_result',
      tool_use_id: block.id,
      content: result.content,
      ...(result.isError ? { is_error: true } : {}),
    });
  }
  return [
    { role: 'assistant', content: message.content as Anthropic.ContentBlockParam[] },
    { role: 'user', content: results },
  ];
}

export async function generateClaudeReply(
  client: Anthropic,
  context: AiContext,
  env: AppEnv,
  options: { signal?: AbortSignal; deadline?: number; tools?: ClaudeTools; media?: MediaParts } = {},
): Promise<ClaudeReply> {
  const { signal, deadline } = options;
  const tools = options.tools?.catalog.length ? options.tools : undefined;
  const until = answerBy(deadline);
  let maxTokens = context.ai.max_tokens;
  const problems: string[] = [];
  const toolTurns: Anthropic.MessageParam[] = [];
  const toolCalls: ToolCallRecord[] = [];
  let toolRounds = 0;
  const usage = emptyUsage(replyModel(env, context.ai.model));
  try {
    return await askClaude();
  } catch (error) {
    if (toolCalls.length === 0) throw error;
    // Something was already booked, moved or cancelled: asking again from the start could do it
    // twice, so the reply becomes a hand-off that records the calls for staff.
    const failure = classifyAiError(error);
    const changed = toolCalls.some((call) => changingOutcomes.has(call.outcome));
    throw new AiFailure(
      failure.reason,
      failure.retryable && !changed,
      failure.retryAfterMs,
      toolCalls,
      usage,
    );
  }

  async function askClaude(): Promise<ClaudeReply> {
    let attempt = 1;
    while (attempt <= 2) {
      const timeout = callTimeoutMs(env, until);
      if (timeout !== undefined && timeout < shortestCallMs) {
        if (attempt === 1 && toolRounds === 0) throw new AiFailure('timeout: no time left in the job', true);
        problems.push('no time left to ask again');
        break;
      }
      const request = buildClaudeRequest(context, env, maxTokens, tools?.catalog, options.media);
      request.messages = [...request.messages, ...toolTurns];
      if (tools && toolRounds >= maxToolRounds) request.tool_choice = { type: 'none' };
      // The SDK refuses `timeout: undefined` ("timeout must be an integer"): without a deadline
      // (the preview), the client's own timeout applies.
      const message = await client.messages.create(request, {
        signal,
        ...(timeout === undefined ? {} : { timeout }),
      });
      addUsage(usage, message.usage);
      if (tools && message.stop_reason === 'tool_use' && toolRounds < maxToolRounds) {
        toolRounds += 1;
        toolTurns.push(...(await runToolRound(message, tools, toolCalls)));
        log.info('ai.tool_round', {
          conversationId: context.conversation.id,
          round: toolRounds,
          tools: toolCalls.slice(-5).map((call) => `${call.name}:${call.outcome}`),
        });
        continue;
      }
      const reply = readReply(message);
      if (typeof reply !== 'string') return { ...reply, model: request.model, toolCalls, usage };
      problems.push(reply);
      log.warn('ai.invalid_output', {
        conversationId: context.conversation.id,
        attempt,
        problem: reply,
        requestId: message._request_id,
      });
      if (reply === 'refusal') break;
      maxTokens = Math.min(aiMaxOutputTokens, maxTokens * 2);
      attempt += 1;
    }
    throw new AiFailure(`invalid output: ${problems.join(', ')}`, false, undefined, [], usage);
  }
}

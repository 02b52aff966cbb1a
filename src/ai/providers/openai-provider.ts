import type { AppEnv } from '@/src/env';
import { log } from '@/src/shared/logger';
import type { AiContext } from '../ai-context';
import { answerBy, callTimeoutMs, shortestCallMs } from '../ai-deadline';
import { AiFailure, classifyAiError } from '../ai-failure';
import { type AiReply, parseAiReply } from '../ai-reply-schema';
import { emptyUsage } from '../ai-usage';
import { runAppointmentTool, type ToolCallRecord } from '../appointment-tools';
import { changingOutcomes, maxToolRounds } from '../generate-claude-reply';
import { aiMaxOutputTokens, replyModel } from '../model-allowlist';
import type { AiProvider, ProviderReply, ReplyOptions, ReplyTools } from './ai-provider';
import { buildOpenAiRequest, type ResponsesInputItem } from './build-openai-request';
import { createResponse, type ResponsesResult } from './openai-responses-client';
import { addOpenAiUsage } from './openai-usage';

// One reply from OpenAI (Responses API), with the same rules as Claude's
// (src/ai/generate-claude-reply.ts): output that is cut off, refused or off the schema is asked
// for once more (with more room), twice is a failure; function_call items run the appointment
// tools for the conversation's own lead and go back as function_call_output items (at most 4
// rounds, then tool_choice none); every call fits before the job's deadline; once a tool has
// changed an appointment, a failure is not retried.

function readReply(response: ResponsesResult): AiReply | string {
  if (response.status === 'incomplete') {
    return response.incomplete_details?.reason === 'content_filter' ? 'refusal' : 'max_tokens';
  }
  if (response.status !== 'completed') return `status ${response.status}`;
  let text: string | undefined;
  for (const item of response.output) {
    if (item.type !== 'message' || !Array.isArray(item.content)) continue;
    for (const part of item.content as { type: string; text?: string }[]) {
      if (part.type === 'refusal') return 'refusal';
      if (part.type === 'output_text' && text === undefined) text = part.text;
    }
  }
  if (text === undefined) return 'no text block';
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return 'not JSON';
  }
  const parsed = parseAiReply(json);
  if (!parsed) return 'schema mismatch';
  if (!parsed.reply.trim() && !parsed.escalate) return 'empty reply';
  return parsed;
}

type FunctionCall = { type: 'function_call'; call_id: string; name: string; arguments: string };

function functionCalls(response: ResponsesResult): FunctionCall[] {
  return response.output.filter((item): item is FunctionCall => item.type === 'function_call');
}

async function runToolRound(
  calls: FunctionCall[],
  tools: ReplyTools,
  toolCalls: ToolCallRecord[],
): Promise<ResponsesInputItem[]> {
  const items: ResponsesInputItem[] = [];
  for (const call of calls) {
    let input: unknown;
    try {
      input = JSON.parse(call.arguments);
    } catch {
      input = undefined;
    }
    const result = await runAppointmentTool(tools.db, tools.actor, call.name, input);
    toolCalls.push(result.record);
    // The call goes back as the model sent it (without its item id: nothing is stored at OpenAI).
    items.push(
      { type: 'function_call', call_id: call.call_id, name: call.name, arguments: call.arguments },
      { type: 'function_call_output', call_id: call.call_id, output: result.content },
    );
  }
  return items;
}

export async function generateOpenAiReply(
  context: AiContext,
  env: AppEnv,
  options: ReplyOptions = {},
): Promise<ProviderReply> {
  const { signal } = options;
  const tools = options.tools?.catalog.length ? options.tools : undefined;
  const until = answerBy(options.deadline);
  let maxTokens = context.ai.max_tokens;
  const problems: string[] = [];
  const toolTurns: ResponsesInputItem[] = [];
  const toolCalls: ToolCallRecord[] = [];
  let toolRounds = 0;
  const usage = emptyUsage(replyModel(env, context.ai.model, 'openai'), 'openai');
  try {
    return await ask();
  } catch (error) {
    if (toolCalls.length === 0) throw error;
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

  async function ask(): Promise<ProviderReply> {
    let attempt = 1;
    while (attempt <= 2) {
      const timeout = callTimeoutMs(env, until);
      if (timeout !== undefined && timeout < shortestCallMs) {
        if (attempt === 1 && toolRounds === 0) throw new AiFailure('timeout: no time left in the job', true);
        problems.push('no time left to ask again');
        break;
      }
      const request = buildOpenAiRequest(context, env, maxTokens, tools?.catalog, options.media);
      request.input = [...request.input, ...toolTurns];
      if (tools && toolRounds >= maxToolRounds) request.tool_choice = 'none';
      const response = await createResponse(env, request, { signal, timeoutMs: timeout });
      addOpenAiUsage(usage, response.usage);
      const calls = functionCalls(response);
      if (tools && calls.length && toolRounds < maxToolRounds) {
        toolRounds += 1;
        toolTurns.push(...(await runToolRound(calls, tools, toolCalls)));
        log.info('ai.tool_round', {
          conversationId: context.conversation.id,
          provider: 'openai',
          round: toolRounds,
          tools: toolCalls.slice(-5).map((call) => `${call.name}:${call.outcome}`),
        });
        continue;
      }
      const reply = readReply(response);
      if (typeof reply !== 'string') return { ...reply, model: request.model, toolCalls, usage };
      problems.push(reply);
      log.warn('ai.invalid_output', {
        conversationId: context.conversation.id,
        provider: 'openai',
        attempt,
        problem: reply,
        responseId: response.id,
      });
      if (reply === 'refusal') break;
      maxTokens = Math.min(aiMaxOutputTokens, maxTokens * 2);
      attempt += 1;
    }
    throw new AiFailure(`invalid output: ${problems.join(', ')}`, false, undefined, [], usage);
  }
}

export const openAiProvider: AiProvider = {
  name: 'openai',
  generatedBy: 'openai',
  isConfigured: (env) => Boolean(env.OPENAI_API_KEY),
  generateReply: generateOpenAiReply,
};

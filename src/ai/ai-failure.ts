import Anthropic from '@anthropic-ai/sdk';
import type { AiUsage } from './ai-usage';
import type { ToolCallRecord } from './appointment-tools';
import { OpenAiError } from './providers/openai-error';

// Why a Claude or OpenAI call gave no usable reply, and whether trying again later can help.
// 429 (except a spend limit), 529/5xx, 408/409 and timeouts are worth retrying; 4xx are not.

export class AiFailure extends Error {
  constructor(
    readonly reason: string,
    readonly retryable: boolean,
    readonly retryAfterMs?: number,
    /** Appointment tools already run for this reply, to record with the hand-off. */
    readonly toolCalls: ToolCallRecord[] = [],
    /** Tokens already paid for before it failed, recorded with the hand-off. */
    readonly usage?: AiUsage,
  ) {
    super(reason);
    this.name = 'AiFailure';
  }
}

function retryAfter(headers: Headers | undefined): number | undefined {
  const value = headers?.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined;
}

export function classifyAiError(error: unknown): AiFailure {
  if (error instanceof AiFailure) return error;
  if (error instanceof OpenAiError) {
    const reason = error.code === 'insufficient_quota' ? `${error.message} (out of credit)` : error.message;
    if (error.type === 'aborted') return new AiFailure('aborted (job time budget)', true);
    return new AiFailure(reason, error.retryable, error.retryable ? error.retryAfterMs : undefined);
  }
  if (error instanceof Anthropic.APIUserAbortError) return new AiFailure('aborted (job time budget)', true);
  if (error instanceof Anthropic.APIConnectionTimeoutError) return new AiFailure('timeout', true);
  if (error instanceof Anthropic.APIConnectionError) return new AiFailure('connection error', true);
  if (error instanceof Anthropic.APIError) {
    const status = error.status ?? 0;
    const label = `HTTP ${status} ${error.type ?? 'error'}`;
    if (status === 429 && error.errorCode === 'enforced_spend_limit_reached') {
      return new AiFailure(`${label} (spend limit reached)`, false);
    }
    const retryable = status === 429 || status === 408 || status === 409 || status >= 500;
    return new AiFailure(label, retryable, retryable ? retryAfter(error.headers) : undefined);
  }
  return new AiFailure(`unexpected: ${(error as Error)?.name ?? 'error'}`, true);
}

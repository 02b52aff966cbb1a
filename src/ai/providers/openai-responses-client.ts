import type { AppEnv } from '@/src/env';
import { OpenAiError } from './openai-error';

// POST {OPENAI_BASE_URL}/responses over fetch (PLATFORMS-2.md §7), with the same timeout and
// retry budget as the Claude client (AI_REQUEST_TIMEOUT_MS, AI_MAX_RETRIES): network failures,
// 408, 409, 429 and 5xx are tried again after retry-after (or a short exponential backoff).
// The error body ({"error": {...}}) becomes an OpenAiError; the key is never logged.

export type ResponsesOutputItem =
  | {
      type: 'message';
      role: 'assistant';
      content: ({ type: 'output_text'; text: string } | { type: 'refusal'; refusal: string })[];
    }
  | { type: 'function_call'; id?: string; call_id: string; name: string; arguments: string }
  | { type: string; [key: string]: unknown };

export type ResponsesResult = {
  id: string;
  model: string;
  status: 'completed' | 'incomplete' | 'failed' | 'in_progress' | 'cancelled' | 'queued';
  incomplete_details: { reason: string } | null;
  output: ResponsesOutputItem[];
  usage?: {
    input_tokens: number;
    input_tokens_details?: { cached_tokens?: number };
    output_tokens: number;
  };
};

type ErrorBody = { error?: { message?: string; type?: string; code?: string | null } };

function retryAfterMs(headers: Headers): number | undefined {
  const seconds = Number(headers.get('retry-after'));
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function postOnce(
  env: AppEnv,
  body: unknown,
  signal: AbortSignal | undefined,
  timeoutMs: number,
): Promise<ResponsesResult> {
  const timeout = AbortSignal.timeout(timeoutMs);
  let response: Response;
  try {
    response = await fetch(`${env.OPENAI_BASE_URL.replace(/\/$/, '')}/responses`, {
      method: 'POST',
      headers: { authorization: `Bearer ${env.OPENAI_API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
  } catch {
    if (signal?.aborted) throw new OpenAiError(undefined, 'aborted', null);
    throw new OpenAiError(undefined, timeout.aborted ? 'timeout' : 'connection error', null);
  }
  const requestId = response.headers.get('x-request-id') ?? undefined;
  if (!response.ok) {
    const error = ((await response.json().catch(() => ({}))) as ErrorBody).error;
    throw new OpenAiError(
      response.status,
      error?.type ?? 'error',
      error?.code ?? null,
      retryAfterMs(response.headers),
      requestId,
    );
  }
  return (await response.json()) as ResponsesResult;
}

export async function createResponse(
  env: AppEnv,
  body: unknown,
  options: { signal?: AbortSignal; timeoutMs?: number } = {},
): Promise<ResponsesResult> {
  const timeoutMs = options.timeoutMs ?? env.AI_REQUEST_TIMEOUT_MS;
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await postOnce(env, body, options.signal, timeoutMs);
    } catch (error) {
      if (!(error instanceof OpenAiError) || !error.retryable || attempt >= env.AI_MAX_RETRIES) throw error;
      await sleep(Math.min(error.retryAfterMs ?? 500 * 2 ** attempt, 1_000));
    }
  }
}

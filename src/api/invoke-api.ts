import type { DbPort } from '@/src/db/rpc-port';
import { log } from '@/src/shared/logger';
import { ApiError, type ApiErrorCode } from './api-error';
import { hashApiKey } from './api-key';
import type { ApiOperation } from './api-operation';

// One round trip per call: api_invoke authenticates the key, counts it, checks its scope and runs
// the operation as the key's member. Its errors come back as data; here they become ApiErrors.

type SqlFailure = {
  code?: string;
  sqlstate?: string;
  message: string;
  hint?: string | null;
  retry_after_seconds?: number;
};

const codeBySqlState: Record<string, ApiErrorCode> = {
  PT400: 'validation_failed',
  PT403: 'forbidden',
  PT404: 'not_found',
  PT409: 'conflict',
  PT422: 'unprocessable',
  PT429: 'rate_limited',
  '22P02': 'validation_failed',
  '22007': 'validation_failed',
  '22008': 'validation_failed',
  '22023': 'validation_failed',
  '23514': 'validation_failed',
  '23505': 'conflict',
};

export async function invokeApi(
  db: DbPort,
  key: string,
  operation: ApiOperation,
  args: object,
): Promise<unknown> {
  const answer = await db.rpc('api_invoke', {
    p_key_hash: hashApiKey(key),
    p_operation: operation,
    p_args: args,
  });
  if ('result' in answer) return answer.result;
  throw apiErrorFrom(answer.error, operation);
}

function apiErrorFrom(failure: SqlFailure, operation: string): ApiError {
  if (failure.code === 'rate_limited') {
    const seconds = String(failure.retry_after_seconds ?? 60);
    return new ApiError(
      'rate_limited',
      failure.message,
      { retry_after_seconds: Number(seconds) },
      { 'retry-after': seconds },
    );
  }
  if (failure.code) return new ApiError(failure.code as ApiErrorCode, failure.message);
  const code = failure.sqlstate ? codeBySqlState[failure.sqlstate] : undefined;
  if (!code) {
    log.error('api.operation_failed', { operation, sqlstate: failure.sqlstate, error: failure.message });
    return new ApiError('internal', 'Something went wrong on our side');
  }
  return new ApiError(code, failure.message, failure.hint ? { reason: failure.hint } : undefined);
}

// One error type for everything we expect; its code decides the HTTP status in one place.
export const errorStatus = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  too_many_requests: 429,
  not_available: 501,
  unavailable: 503,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

// By shape, not `instanceof`: Next.js bundles each route separately, so an AppError thrown inside
// the process-wide database port can come from another copy of this class.
export function isAppError(error: unknown): error is AppError {
  if (!(error instanceof Error) || error.name !== 'AppError') return false;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && code in errorStatus;
}

const codeByStatus = new Map<number, ErrorCode>(
  Object.entries(errorStatus).map(([code, status]) => [status, code as ErrorCode]),
);

/** Our SQL functions raise SQLSTATE 'PTnnn' (PostgREST's convention: nnn is the HTTP status). */
export function errorCodeForSqlState(sqlState: string | undefined): ErrorCode | undefined {
  if (!sqlState) return undefined;
  if (/^PT\d{3}$/.test(sqlState)) return codeByStatus.get(Number(sqlState.slice(2))) ?? 'bad_request';
  if (sqlState === '42501') return 'forbidden';
  if (sqlState === '23505') return 'conflict';
  if (sqlState === '22P02' || sqlState === '23502' || sqlState === '23514' || sqlState === '22023') {
    return 'bad_request';
  }
  return undefined;
}

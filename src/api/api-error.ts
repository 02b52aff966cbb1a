// The API's one error shape: {error: {code, message, details?}}. Codes are stable (clients
// branch on them); messages are for people and may change.

export const apiErrorStatus = {
  unauthorized: 401,
  forbidden_scope: 403,
  forbidden: 403,
  not_found: 404,
  validation_failed: 400,
  conflict: 409,
  unprocessable: 422,
  rate_limited: 429,
  internal: 500,
} as const;

export type ApiErrorCode = keyof typeof apiErrorStatus;

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function apiErrorResponse(error: ApiError): Response {
  const body = {
    error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) },
  };
  return Response.json(body, { status: apiErrorStatus[error.code], headers: error.headers });
}

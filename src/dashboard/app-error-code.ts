import { type ErrorCode, errorStatus } from '@/src/shared/app-error';

// The AppError code of an error, recognised by shape rather than `instanceof`: Next.js bundles
// each route separately, so the AppError class a page imports can be a different copy from the
// one inside the process-wide database port (getDb() is shared by every bundle), and
// `instanceof AppError` is then false for a perfectly ordinary "not found".
export function appErrorCode(error: unknown): ErrorCode | undefined {
  if (!(error instanceof Error) || error.name !== 'AppError') return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && code in errorStatus ? (code as ErrorCode) : undefined;
}

export function appErrorFields(error: unknown): string[] {
  const details = (error as { details?: { fields?: unknown } }).details;
  return Array.isArray(details?.fields)
    ? details.fields.filter((f): f is string => typeof f === 'string')
    : [];
}

/** The reason code our SQL functions attach to a refusal (see src/db/sql-error-reason.ts). */
export function appErrorReason(error: unknown): string | undefined {
  const reason = (error as { details?: { reason?: unknown } }).details?.reason;
  return typeof reason === 'string' ? reason : undefined;
}

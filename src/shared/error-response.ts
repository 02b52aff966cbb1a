import { isAppError } from '@/src/shared/app-error';
import { log } from '@/src/shared/logger';

// Expected errors answer with their code and message; anything else is a logged, generic 500.
export function errorResponse(error: unknown, context: Record<string, unknown>): Response {
  if (isAppError(error)) {
    const headers: Record<string, string> = error.status === 401 ? { 'www-authenticate': 'Bearer' } : {};
    return Response.json(
      { error: { code: error.code, message: error.message } },
      { status: error.status, headers },
    );
  }
  log.error('http.unexpected_error', { ...context, error: (error as Error)?.message ?? String(error) });
  return Response.json({ error: { code: 'internal', message: 'Internal error' } }, { status: 500 });
}

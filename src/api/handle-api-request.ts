import type { z } from 'zod';
import type { DbPort } from '@/src/db/rpc-port';
import { log } from '@/src/shared/logger';
import type { ApiEndpoint } from './api-endpoint';
import { ApiError, apiErrorResponse } from './api-error';
import { bearerApiKey } from './api-key';
import { invokeApi } from './invoke-api';

// Every /api/v1 request: the key from the Authorization header (never a tenant from the URL or
// body), the path, query and body checked by the endpoint's zod schemas, then its operations.

function validate(schema: z.ZodType | undefined, value: unknown, where: string): unknown {
  if (!schema) return value;
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new ApiError('validation_failed', `Invalid ${where}`, {
    issues: parsed.error.issues.map((issue) => ({
      path: [where, ...issue.path.map(String)].join('.'),
      message: issue.message,
    })),
  });
}

async function readBody(request: Request, endpoint: ApiEndpoint): Promise<unknown> {
  if (!endpoint.body) return undefined;
  const text = await request.text();
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError('validation_failed', 'The body is not JSON', {
      issues: [{ path: 'body', message: 'invalid JSON' }],
    });
  }
}

export async function handleApiRequest(
  db: DbPort,
  endpoint: ApiEndpoint,
  request: Request,
  params: Record<string, string> = {},
): Promise<Response> {
  try {
    const key = bearerApiKey(request);
    if (!key) throw new ApiError('unauthorized', 'Send your API key as "Authorization: Bearer <key>"');
    const query = Object.fromEntries(new URL(request.url).searchParams);
    const input = {
      params: validate(endpoint.params, params, 'path'),
      query: validate(endpoint.query, query, 'query'),
      body: validate(endpoint.body, await readBody(request, endpoint), 'body'),
    };
    const result = await endpoint.run((operation, args) => invokeApi(db, key, operation, args), input);
    return Response.json(result, {
      status: endpoint.creates ? 201 : 200,
      headers: { 'cache-control': 'no-store' },
    });
  } catch (error) {
    if (error instanceof ApiError) return apiErrorResponse(error);
    log.error('api.request_failed', { method: endpoint.method, path: endpoint.path, error });
    return apiErrorResponse(new ApiError('internal', 'Something went wrong on our side'));
  }
}

import type { z } from 'zod';
import type { ApiOperation } from './api-operation';

// One API route: its schemas (they validate the request and make the OpenAPI document) and what
// it runs. `invoke` is api_invoke bound to the caller's key.

export type Invoke = (operation: ApiOperation, args: object) => Promise<unknown>;

export type ApiInput = { params: Record<string, unknown>; query: Record<string, unknown>; body: unknown };

export type ApiEndpoint = {
  method: 'GET' | 'POST' | 'PATCH';
  /** OpenAPI style, under /api/v1: /conversations/{id} */
  path: string;
  summary: string;
  tag: string;
  scope: 'read' | 'write';
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** Answered with 201 instead of 200. */
  creates?: boolean;
  // biome-ignore lint/suspicious/noExplicitAny: each endpoint narrows its own parsed input
  run: (invoke: Invoke, input: any) => Promise<unknown>;
};

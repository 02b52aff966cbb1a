import { z } from 'zod';
import type { ApiEndpoint } from './api-endpoint';
import { apiEndpoints } from './api-endpoints';
import { apiErrorStatus } from './api-error';

// The OpenAPI 3.1 document, made from the same zod schemas that validate the requests
// (z.toJSONSchema, zod 4), served at /api/v1/openapi.json.

const jsonSchema = (schema: z.ZodType) =>
  z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as Record<
    string,
    unknown
  >;

const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', enum: Object.keys(apiErrorStatus) },
        message: { type: 'string' },
        details: {},
      },
    },
  },
};

function parameters(endpoint: ApiEndpoint) {
  const list: Record<string, unknown>[] = [];
  for (const [where, schema] of [
    ['path', endpoint.params],
    ['query', endpoint.query],
  ] as const) {
    if (!schema) continue;
    const object = jsonSchema(schema) as {
      properties?: Record<string, Record<string, unknown>>;
      required?: string[];
    };
    for (const [name, property] of Object.entries(object.properties ?? {})) {
      const { description, ...rest } = property;
      list.push({
        name,
        in: where,
        required: where === 'path' || (object.required ?? []).includes(name),
        ...(description ? { description } : {}),
        schema: rest,
      });
    }
  }
  return list;
}

function operation(endpoint: ApiEndpoint) {
  const { $schema: _ignored, ...body } = endpoint.body ? jsonSchema(endpoint.body) : {};
  return {
    summary: endpoint.summary,
    tags: [endpoint.tag],
    operationId: `${endpoint.method.toLowerCase()}${endpoint.path.replace(/[{}]/g, '').replace(/[/-](\w)/g, (_, c: string) => c.toUpperCase())}`,
    'x-scope': endpoint.scope,
    parameters: parameters(endpoint),
    ...(endpoint.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: body } } } }
      : {}),
    responses: {
      [endpoint.creates ? '201' : '200']: {
        description: 'OK',
        content: { 'application/json': { schema: { type: 'object' } } },
      },
      default: { $ref: '#/components/responses/Error' },
    },
  };
}

export function openApiDocument(serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const endpoint of apiEndpoints) {
    paths[endpoint.path] ??= {};
    paths[endpoint.path]![endpoint.method.toLowerCase()] = operation(endpoint);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Inbox API',
      version: '1',
      description:
        'Read and act on your business inbox. Authenticate with "Authorization: Bearer <API key>" (made in the dashboard or with `apikey create`). Read keys can only GET; errors are {error: {code, message, details?}}; 429 answers carry Retry-After.',
    },
    servers: [{ url: new URL('/api/v1', serverUrl).toString() }],
    security: [{ apiKey: [] }],
    paths,
    components: {
      securitySchemes: { apiKey: { type: 'http', scheme: 'bearer' } },
      schemas: { Error: errorSchema },
      responses: {
        Error: {
          description: 'Error',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
      },
    },
  };
}

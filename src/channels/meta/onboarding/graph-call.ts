import type { AppEnv } from '@/src/env';
import { onboardingError } from '../../ownership/onboarding-error';
import { withoutSecrets } from '../../ownership/without-secrets';
import { type GraphError, parseGraphError } from '../graph-error';

// One Graph API call for onboarding and ownership checks. The token goes in the Authorization
// header (never the URL, which proxies log); an error comes back as Meta's code and subcode.

export type GraphEnv = Pick<AppEnv, 'GRAPH_API_BASE_URL' | 'GRAPH_API_VERSION' | 'SEND_REQUEST_TIMEOUT_MS'>;

export class GraphCallError extends Error {
  constructor(
    readonly status: number,
    readonly graph: GraphError | undefined,
  ) {
    super(
      graph
        ? `Meta error ${graph.code ?? status}${graph.subcode ? `/${graph.subcode}` : ''}: ${graph.message}`
        : `Meta answered HTTP ${status}`,
    );
    this.name = 'GraphCallError';
  }
}

export type GraphRequest = {
  method?: 'GET' | 'POST';
  path: string;
  token?: string;
  query?: Record<string, string>;
  body?: unknown;
  /** graph.instagram.com for Instagram Login tokens. */
  baseUrl?: string;
};

export async function graphCall(env: GraphEnv, request: GraphRequest): Promise<unknown> {
  const url = new URL(
    `${request.baseUrl ?? env.GRAPH_API_BASE_URL}/${env.GRAPH_API_VERSION}/${request.path}`,
  );
  for (const [key, value] of Object.entries(request.query ?? {})) url.searchParams.set(key, value);
  const headers: Record<string, string> = {};
  if (request.token) headers.authorization = `Bearer ${request.token}`;
  if (request.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(url, {
      method: request.method ?? 'GET',
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: AbortSignal.timeout(env.SEND_REQUEST_TIMEOUT_MS),
    });
  } catch {
    throw onboardingError('unavailable', 'platform_unreachable', 'Meta could not be reached; try again');
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (response.ok) return body;
  if (response.status >= 500) {
    throw onboardingError(
      'unavailable',
      'platform_unreachable',
      `Meta answered HTTP ${response.status}; try again`,
    );
  }
  const graph = parseGraphError(body);
  const sent = [
    request.token,
    request.query?.client_secret,
    request.query?.code,
    request.query?.fb_exchange_token,
  ];
  if (graph) graph.message = withoutSecrets(graph.message, sent);
  throw new GraphCallError(response.status, graph);
}

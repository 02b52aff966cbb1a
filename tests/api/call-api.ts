import * as appointmentCancel from '@/app/api/v1/appointments/[id]/cancel/route';
import * as appointments from '@/app/api/v1/appointments/route';
import * as conversationAiReply from '@/app/api/v1/conversations/[id]/ai-reply/route';
import * as conversationClose from '@/app/api/v1/conversations/[id]/close/route';
import * as conversationEscalate from '@/app/api/v1/conversations/[id]/escalate/route';
import * as conversationHandler from '@/app/api/v1/conversations/[id]/handler/route';
import * as conversationMessages from '@/app/api/v1/conversations/[id]/messages/route';
import * as conversationReopen from '@/app/api/v1/conversations/[id]/reopen/route';
import * as conversation from '@/app/api/v1/conversations/[id]/route';
import * as conversations from '@/app/api/v1/conversations/route';
import * as lead from '@/app/api/v1/leads/[id]/route';
import * as leadTags from '@/app/api/v1/leads/[id]/tags/route';
import * as leads from '@/app/api/v1/leads/route';
import * as stats from '@/app/api/v1/stats/route';

// Calls the real /api/v1 route handlers with real Requests, by the OpenAPI path of the route.

type Handler = (request: Request, context: { params: Promise<{ id: string }> }) => Promise<Response>;

const routes: Record<string, Record<string, unknown>> = {
  '/conversations': conversations,
  '/conversations/{id}': conversation,
  '/conversations/{id}/close': conversationClose,
  '/conversations/{id}/reopen': conversationReopen,
  '/conversations/{id}/handler': conversationHandler,
  '/conversations/{id}/escalate': conversationEscalate,
  '/conversations/{id}/ai-reply': conversationAiReply,
  '/conversations/{id}/messages': conversationMessages,
  '/leads': leads,
  '/leads/{id}': lead,
  '/leads/{id}/tags': leadTags,
  '/appointments': appointments,
  '/appointments/{id}/cancel': appointmentCancel,
  '/stats': stats,
};

export const routedPaths = Object.keys(routes);

// biome-ignore lint/suspicious/noExplicitAny: tests read the JSON answers field by field
export type ApiAnswer = { status: number; body: any; headers: Headers };

export async function callApi(
  method: string,
  path: string,
  options: {
    key?: string;
    id?: string;
    query?: Record<string, string>;
    body?: unknown;
    authorization?: string;
  } = {},
): Promise<ApiAnswer> {
  const handler = routes[path]?.[method] as Handler | undefined;
  if (!handler) throw new Error(`no route ${method} ${path}`);
  const url = new URL(`http://localhost/api/v1${path.replace('{id}', options.id ?? '')}`);
  for (const [name, value] of Object.entries(options.query ?? {})) url.searchParams.set(name, value);
  const headers = new Headers({ 'content-type': 'application/json' });
  const authorization = options.authorization ?? (options.key ? `Bearer ${options.key}` : undefined);
  if (authorization) headers.set('authorization', authorization);
  const response = await handler(
    new Request(url, {
      method,
      headers,
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    }),
    { params: Promise.resolve({ id: options.id ?? '' }) },
  );
  return { status: response.status, body: await response.json(), headers: response.headers };
}

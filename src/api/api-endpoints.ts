import type { ApiEndpoint } from './api-endpoint';
import { appointmentEndpoints } from './appointment-endpoints';
import { conversationEndpoints } from './conversation-endpoints';
import { leadEndpoints } from './lead-endpoints';
import { messageEndpoint } from './message-endpoint';
import { statsEndpoint } from './stats-endpoint';

// Every /api/v1 route, in the order the OpenAPI document lists them. Each app/api/v1 route file
// answers with the entry of its own method and path.
export const apiEndpoints: ApiEndpoint[] = [
  ...conversationEndpoints,
  messageEndpoint,
  ...leadEndpoints,
  ...appointmentEndpoints,
  statsEndpoint,
];

export function apiEndpoint(method: ApiEndpoint['method'], path: string): ApiEndpoint {
  const endpoint = apiEndpoints.find((entry) => entry.method === method && entry.path === path);
  if (!endpoint) throw new Error(`No API endpoint ${method} ${path}`);
  return endpoint;
}

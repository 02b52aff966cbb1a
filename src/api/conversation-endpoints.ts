import { z } from 'zod';
import { decodeCursor, pageOf } from './api-cursor';
import type { ApiEndpoint } from './api-endpoint';

// Conversations through the same dashboard_* functions staff use (same status rules, same
// hand-off, same "answer now" checks), run as the key's member.

const channel = z.enum(['whatsapp', 'instagram', 'facebook', 'tiktok']);
const idParams = z.object({ id: z.uuid() });
const day = z.iso.date();

const listQuery = z.object({
  status: z.enum(['open', 'active', 'pending', 'resolved', 'closed']).optional(),
  channel: channel.optional(),
  handled_by: z.enum(['ai', 'human']).optional(),
  assigned: z.string().max(60).optional().describe('"me", "none", or a staff user id'),
  classification: z.enum(['hot', 'warm', 'cold']).optional(),
  q: z.string().max(200).optional(),
  updated_since: day.optional().describe('last message on or after this day (the business time zone)'),
  until: day.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(400).optional(),
});

type ConversationRow = { id: string; escalated_first: boolean; sort_at: string };

export const conversationEndpoints: ApiEndpoint[] = [
  {
    method: 'GET',
    path: '/conversations',
    summary: 'List conversations (escalated first, then by last message), filtered and paged',
    tag: 'conversations',
    scope: 'read',
    query: listQuery,
    async run(invoke, { query }: { query: z.output<typeof listQuery> }) {
      const after = decodeCursor(query.cursor);
      const rows = (await invoke('conversations.list', {
        status: query.status,
        channel: query.channel,
        handled_by: query.handled_by,
        assigned: query.assigned,
        classification: query.classification,
        q: query.q,
        from: query.updated_since,
        to: query.until,
        after_escalated: after.e,
        after_at: after.at,
        after_id: after.id,
        limit: query.limit + 1,
      })) as ConversationRow[];
      return pageOf(rows, query.limit, (row) => ({ e: row.escalated_first, at: row.sort_at, id: row.id }));
    },
  },
  {
    method: 'GET',
    path: '/conversations/{id}',
    summary: 'One conversation with its lead and latest messages (history)',
    tag: 'conversations',
    scope: 'read',
    params: idParams,
    query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
    async run(invoke, { params, query }) {
      return { data: await invoke('conversations.get', { id: params.id, limit: query.limit }) };
    },
  },
  {
    method: 'POST',
    path: '/conversations/{id}/close',
    summary: 'Close a conversation',
    tag: 'conversations',
    scope: 'write',
    params: idParams,
    async run(invoke, { params }) {
      return { data: await invoke('conversations.status', { id: params.id, status: 'closed' }) };
    },
  },
  {
    method: 'POST',
    path: '/conversations/{id}/reopen',
    summary: 'Reopen a resolved or closed conversation (the same rules as the inbox)',
    tag: 'conversations',
    scope: 'write',
    params: idParams,
    async run(invoke, { params }) {
      return { data: await invoke('conversations.status', { id: params.id, status: 'active' }) };
    },
  },
  {
    method: 'POST',
    path: '/conversations/{id}/handler',
    summary: 'Hand the conversation to a person (the AI stops) or back to the AI',
    tag: 'conversations',
    scope: 'write',
    params: idParams,
    body: z.object({ handled_by: z.enum(['ai', 'human']) }),
    async run(invoke, { params, body }) {
      return { data: await invoke('conversations.handler', { id: params.id, handled_by: body.handled_by }) };
    },
  },
  {
    method: 'POST',
    path: '/conversations/{id}/escalate',
    summary: 'Escalate to a person with a reason (the AI stops; staff are notified as for any escalation)',
    tag: 'conversations',
    scope: 'write',
    params: idParams,
    body: z.object({ reason: z.string().trim().min(1).max(480) }),
    async run(invoke, { params, body }) {
      return { data: await invoke('conversations.escalate', { id: params.id, reason: body.reason }) };
    },
  },
  {
    method: 'POST',
    path: '/conversations/{id}/ai-reply',
    summary: "Ask the AI to answer the customer's latest message now (queues the AI job)",
    tag: 'conversations',
    scope: 'write',
    params: idParams,
    async run(invoke, { params }) {
      return { data: await invoke('conversations.ai_reply', { id: params.id }) };
    },
  },
];

import { z } from 'zod';
import { decodeCursor, pageOf } from './api-cursor';
import type { ApiEndpoint } from './api-endpoint';

// Leads: list, one with its history, update the contact fields, tag. Same functions as the
// leads pages; score and class stay the AI's (they are not fields a client writes).

const idParams = z.object({ id: z.uuid() });
const day = z.iso.date();

const listQuery = z.object({
  classification: z.enum(['hot', 'warm', 'cold']).optional(),
  channel: z.enum(['whatsapp', 'instagram', 'facebook', 'tiktok']).optional(),
  q: z.string().max(200).optional(),
  since: day.optional(),
  until: day.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(400).optional(),
});

// The lead form's fields (src/dashboard/leads/lead-fields.ts; dashboard_update_lead checks them again).
const updateBody = z
  .object({
    name: z.string().trim().max(200),
    phone: z.string().regex(/^(\+[1-9]\d{6,14})?$/, 'a phone as +<digits> (E.164), or empty to clear it'),
    email: z.union([z.literal(''), z.email().max(254)]),
    notes: z.string().trim().max(4000),
    stage: z.enum(['new', 'contacted', 'appointment', 'customer', 'lost']),
  })
  .partial()
  .strict()
  .refine((fields) => Object.keys(fields).length > 0, 'give at least one field');

type LeadRow = { id: string; sort_at: string };

export const leadEndpoints: ApiEndpoint[] = [
  {
    method: 'GET',
    path: '/leads',
    summary: 'List leads, newest activity first, filtered and paged',
    tag: 'leads',
    scope: 'read',
    query: listQuery,
    async run(invoke, { query }: { query: z.output<typeof listQuery> }) {
      const after = decodeCursor(query.cursor);
      const rows = (await invoke('leads.list', {
        classification: query.classification,
        channel: query.channel,
        q: query.q,
        from: query.since,
        to: query.until,
        after_at: after.at,
        after_id: after.id,
        limit: query.limit + 1,
      })) as LeadRow[];
      return pageOf(rows, query.limit, (row) => ({ at: row.sort_at, id: row.id }));
    },
  },
  {
    method: 'GET',
    path: '/leads/{id}',
    summary: 'One lead with its score history and conversations',
    tag: 'leads',
    scope: 'read',
    params: idParams,
    async run(invoke, { params }) {
      return { data: await invoke('leads.get', { id: params.id }) };
    },
  },
  {
    method: 'PATCH',
    path: '/leads/{id}',
    summary: 'Update contact fields: name, phone, email, notes, stage',
    tag: 'leads',
    scope: 'write',
    params: idParams,
    body: updateBody,
    async run(invoke, { params, body }) {
      return { data: await invoke('leads.update', { id: params.id, fields: body }) };
    },
  },
  {
    method: 'POST',
    path: '/leads/{id}/tags',
    summary: 'Put a tag on a lead or take it off',
    tag: 'leads',
    scope: 'write',
    params: idParams,
    body: z.object({ tag_id: z.uuid(), on: z.boolean().default(true) }),
    async run(invoke, { params, body }) {
      return { data: await invoke('leads.tag', { id: params.id, tag_id: body.tag_id, on: body.on }) };
    },
  },
];

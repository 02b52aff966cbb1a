import { z } from 'zod';

// Meta's Graph error envelope (WhatsApp, Messenger, Instagram): branch on code / subcode,
// never on the wording (titles are being deprecated).

const graphErrorSchema = z.object({
  error: z.object({
    message: z.string().optional(),
    type: z.string().optional(),
    code: z.coerce.number().optional(),
    error_subcode: z.coerce.number().optional(),
    error_data: z.object({ details: z.string().optional() }).loose().optional(),
    fbtrace_id: z.string().optional(),
  }),
});

export type GraphError = { code?: number; subcode?: number; message: string; details?: string };

export function parseGraphError(body: unknown): GraphError | undefined {
  const parsed = graphErrorSchema.safeParse(body);
  if (!parsed.success) return undefined;
  const error = parsed.data.error;
  return {
    code: error.code,
    subcode: error.error_subcode,
    message: error.message ?? 'unknown error',
    details: error.error_data?.details,
  };
}

/** "(#131047) …: details" — what staff see after our explanation. */
export function describeGraphError(error: GraphError | undefined, status: number): string {
  if (!error) return `HTTP ${status}`;
  const code = error.subcode ? `${error.code}/${error.subcode}` : `${error.code ?? status}`;
  const details = error.details ? `: ${error.details}` : '';
  return `Meta error ${code}: ${error.message}${details}`.slice(0, 400);
}

import { z } from 'zod';

// What a reply needs to stay in the customer's thread (RFC 5322 §3.6.4, PLATFORMS-2.md §9.3),
// kept as the conversation's external_thread_id (each inbound mail overwrites it, so it always
// names the latest one): the thread's first id, the id to answer (In-Reply-To), the subject.

const threadSchema = z.object({
  root: z.string().min(1),
  last: z.string().min(1),
  subject: z.string(),
});

export type EmailThread = z.infer<typeof threadSchema>;

const prefixes = /^\s*((re|rv|fw|fwd|tr|aw|wg|r)\s*(\[\d+\])?\s*:\s*)+/i;

/** "RE: Fwd: Cita" → "Cita": how the subject fallback and a reply's subject compare. */
export function baseSubject(subject: string): string {
  return subject.replace(prefixes, '').replace(/\s+/g, ' ').trim();
}

export function encodeThread(thread: EmailThread): string {
  return JSON.stringify({ ...thread, subject: thread.subject.slice(0, 300) });
}

export function decodeThread(value: string | null): EmailThread | null {
  if (!value) return null;
  try {
    return threadSchema.parse(JSON.parse(value));
  } catch {
    return null;
  }
}

import { z } from 'zod';
import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import { AppError } from '@/src/shared/app-error';
import { log } from '@/src/shared/logger';
import type { TenantContext } from '../tenants/resolve-tenant';

// An internal note in the thread: stored for staff only (no message, no send job). `mentions` is
// the comma-separated ids of the members picked with @; the SQL refuses anyone outside the tenant.

const noteSchema = z.object({
  conversationId: z.uuid(),
  body: z.string().trim().min(1).max(4000),
  mentions: z
    .string()
    .optional()
    .transform((value) => [...new Set((value ?? '').split(',').filter((id) => id !== ''))])
    .pipe(z.array(z.uuid()).max(20)),
});

export async function addNote(
  db: DbPort,
  staff: StaffIdentity,
  tenant: TenantContext,
  input: unknown,
): Promise<{ id: string; mentions: string[] }> {
  const parsed = noteSchema.safeParse(input);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path[0];
    if (field === 'conversationId') throw new AppError('bad_request', 'Invalid conversation id');
    if (field === 'mentions')
      throw new AppError('bad_request', 'Invalid mentions', { reason: 'not_a_member' });
    throw new AppError('bad_request', 'Write a note of 1 to 4000 characters', { reason: 'note_length' });
  }
  const note = await db.rpc(
    'dashboard_add_note',
    {
      p_tenant_id: tenant.id,
      p_conversation_id: parsed.data.conversationId,
      p_body: parsed.data.body,
      p_mentions: parsed.data.mentions,
    },
    { as: staff },
  );
  log.info('dashboard.note_added', {
    tenantId: tenant.id,
    conversationId: note.conversation_id,
    mentions: note.mentions.length,
  });
  return note;
}

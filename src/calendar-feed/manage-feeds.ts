import { z } from 'zod';
import type { ResultOf } from '@/src/db/function-types';
import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import { AppError } from '@/src/shared/app-error';
import { createFeedToken, feedUrl } from './feed-token';

// Admins make, list and revoke a branch's or a resource's calendar feed. The URL (with its
// token) is shown once, when made; the database keeps only the token's sha256.

export type CalendarFeed = ResultOf<'dashboard_calendar_feeds'>[number];
type Tenant = { id: string };

export function listCalendarFeeds(db: DbPort, staff: StaffIdentity, tenant: Tenant): Promise<CalendarFeed[]> {
  return db.rpc('dashboard_calendar_feeds', { p_tenant_id: tenant.id }, { as: staff });
}

// The form's choice: "branch:<id>" or "resource:<branch id>:<resource id>".
const targetSchema = z.union([
  z
    .string()
    .regex(/^branch:[0-9a-f-]{36}$/)
    .transform((v) => ({ branchId: v.slice(7), resourceId: null })),
  z
    .string()
    .regex(/^resource:[0-9a-f-]{36}:[0-9a-f-]{36}$/)
    .transform((v) => ({ branchId: v.slice(9, 45), resourceId: v.slice(46) })),
]);

export async function createCalendarFeed(
  db: DbPort,
  staff: StaffIdentity,
  tenant: Tenant,
  input: { target: unknown; baseUrl: string },
): Promise<{ feed: CalendarFeed; url: string }> {
  const parsed = targetSchema.safeParse(input.target);
  if (!parsed.success) throw new AppError('bad_request', 'Invalid fields: target', { fields: ['target'] });
  const { token, tokenHash } = createFeedToken();
  const feed = await db.rpc(
    'dashboard_create_calendar_feed',
    {
      p_tenant_id: tenant.id,
      p_fields: {
        branch_id: parsed.data.branchId,
        ...(parsed.data.resourceId && { resource_id: parsed.data.resourceId }),
      },
      p_token_hash: tokenHash,
    },
    { as: staff },
  );
  return { feed, url: feedUrl(input.baseUrl, token) };
}

export function revokeCalendarFeed(db: DbPort, staff: StaffIdentity, tenant: Tenant, feedId: unknown) {
  const id = z.uuid().safeParse(feedId);
  if (!id.success) throw new AppError('not_found', 'Calendar feed not found');
  return db.rpc(
    'dashboard_revoke_calendar_feed',
    { p_tenant_id: tenant.id, p_feed_id: id.data },
    { as: staff },
  );
}

import { EnableNotifications } from '@/src/dashboard/attention/enable-notifications';
import { enableTexts } from '@/src/dashboard/attention/enable-texts';
import { loadUnreadCounts } from '@/src/dashboard/attention/load-attention';
import { vapidPublicKey } from '@/src/dashboard/attention/vapid-public-key';
import { InboxList } from '@/src/dashboard/inbox/inbox-list';
import { inboxFilterSchema, loadInbox } from '@/src/dashboard/inbox/load-inbox';
import { loadTenantPage } from '@/src/dashboard/load-tenant-page';
import { PageLinks } from '@/src/dashboard/paging/page-links';
import { realtimeConfig } from '@/src/dashboard/realtime-config';
import { loadTeamworkLists } from '@/src/dashboard/teamwork/load-teamwork';
import { LiveRefresh } from '@/src/ui/live-refresh';
import { ui } from '@/src/ui/styles';
import { savePushSubscriptionAction } from '../notifications/actions';

export const dynamic = 'force-dynamic';

export default async function InboxPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenantSlug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { tenantSlug } = await params;
  const { db, staff, tenant, t, env } = await loadTenantPage(tenantSlug);
  const filter = inboxFilterSchema.parse(await searchParams);
  const [page, unread, lists] = await Promise.all([
    loadInbox(db, staff, tenant, filter),
    loadUnreadCounts(db, staff, tenant),
    loadTeamworkLists(db, staff, tenant),
  ]);
  return (
    <div className="space-y-4">
      <LiveRefresh realtime={realtimeConfig(env, tenant)} />
      <h1 className={ui.h1}>{t.inbox.title}</h1>
      <EnableNotifications
        compact
        tenantSlug={tenant.slug}
        vapidPublicKey={vapidPublicKey(env)}
        saveSubscription={savePushSubscriptionAction}
        texts={enableTexts(t)}
      />
      <InboxList items={page.items} unread={unread} tags={lists.tags} filter={filter} tenant={tenant} t={t} />
      <PageLinks
        path={`/t/${tenant.slug}/inbox`}
        params={filter}
        next={page.next}
        exportHref={`/api/t/${tenant.slug}/export/conversations`}
        t={t}
      />
    </div>
  );
}

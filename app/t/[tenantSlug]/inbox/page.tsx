import { InboxList } from '@/src/dashboard/inbox/inbox-list';
import { inboxFilterSchema, loadInbox } from '@/src/dashboard/inbox/load-inbox';
import { loadTenantPage } from '@/src/dashboard/load-tenant-page';
import { PageLinks } from '@/src/dashboard/paging/page-links';
import { realtimeConfig } from '@/src/dashboard/realtime-config';
import { LiveRefresh } from '@/src/ui/live-refresh';
import { ui } from '@/src/ui/styles';

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
  const page = await loadInbox(db, staff, tenant, filter);
  return (
    <div className="space-y-4">
      <LiveRefresh realtime={realtimeConfig(env, tenant)} />
      <h1 className={ui.h1}>{t.inbox.title}</h1>
      <InboxList items={page.items} filter={filter} tenant={tenant} t={t} />
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

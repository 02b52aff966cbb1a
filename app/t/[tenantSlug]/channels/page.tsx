import { channelNames } from '@/src/channels/channel-registry';
import { ChannelCardView } from '@/src/dashboard/channels/channel-card-view';
import { ChannelTestButton } from '@/src/dashboard/channels/channel-test-button';
import { DeliveriesTable } from '@/src/dashboard/channels/deliveries-table';
import { loadChannelHealth } from '@/src/dashboard/channels/load-channel-health';
import { loadChannelNotices } from '@/src/dashboard/channels/load-channel-notices';
import { loadChannels } from '@/src/dashboard/channels/load-channels';
import { PolicyBlockNotice } from '@/src/dashboard/channels/policy-block-notice';
import { loadTenantPage } from '@/src/dashboard/load-tenant-page';
import { publicBaseUrl } from '@/src/dashboard/public-base-url';
import { canAdminister } from '@/src/dashboard/tenants/resolve-tenant';
import { ui } from '@/src/ui/styles';
import { saveChannelAction, sendChannelTestAction, setChannelEnabledAction } from './actions';

export const dynamic = 'force-dynamic';

export default async function ChannelsPage({ params }: { params: Promise<{ tenantSlug: string }> }) {
  const { tenantSlug } = await params;
  const { db, staff, tenant, t, env } = await loadTenantPage(tenantSlug);
  if (!canAdminister(tenant)) return <p className={ui.muted}>{t.channelsPage.adminOnly}</p>;
  const [page, health, notices, base] = await Promise.all([
    loadChannels(db, staff, tenant),
    loadChannelHealth(db, staff, tenant),
    loadChannelNotices(db, staff, tenant),
    publicBaseUrl(env),
  ]);
  const now = new Date();
  return (
    <div className="space-y-6">
      <div>
        <h1 className={ui.h1}>{t.channelsPage.title}</h1>
        <p className={`mt-1 max-w-3xl ${ui.muted}`}>{t.channelsPage.intro}</p>
      </div>
      <PolicyBlockNotice blocks={notices.policy_blocks} t={t} timezone={tenant.timezone} />
      <div className="grid gap-4 lg:grid-cols-2">
        {channelNames.map((channel) => {
          const card = page.connections.find((c) => c.channel === channel);
          return (
            <ChannelCardView
              key={channel}
              channel={channel}
              card={card}
              health={health.find((h) => h.channel === channel)}
              now={now}
              tenantSlug={tenant.slug}
              webhookUrl={`${base}/api/webhook/${channel}/${tenant.slug}`}
              timezone={tenant.timezone}
              t={t}
              saveAction={saveChannelAction}
              toggleAction={setChannelEnabledAction}
              extra={
                <ChannelTestButton
                  card={card}
                  appMode={env.appMode}
                  tenantSlug={tenant.slug}
                  t={t}
                  action={sendChannelTestAction}
                />
              }
            />
          );
        })}
      </div>
      <DeliveriesTable deliveries={page.deliveries} t={t} timezone={tenant.timezone} />
    </div>
  );
}

import { channelNames } from '@/src/channels/channel-registry';
import { ChannelCardView } from '@/src/dashboard/channels/channel-card-view';
import { ChannelTestButton } from '@/src/dashboard/channels/channel-test-button';
import { DeliveriesTable } from '@/src/dashboard/channels/deliveries-table';
import { loadChannelHealth } from '@/src/dashboard/channels/load-channel-health';
import { loadChannelNotices } from '@/src/dashboard/channels/load-channel-notices';
import { loadChannels } from '@/src/dashboard/channels/load-channels';
import { connectNotice } from '@/src/dashboard/channels/onboarding/connect-notice';
import { hasPlatformApp } from '@/src/dashboard/channels/onboarding/platform-apps';
import { PolicyBlockNotice } from '@/src/dashboard/channels/policy-block-notice';
import { SelfServePanel } from '@/src/dashboard/channels/self-serve/self-serve-panel';
import { loadTestTraffic } from '@/src/dashboard/channels/test-traffic';
import { TestTrafficCard } from '@/src/dashboard/channels/test-traffic-card';
import { webhookTarget } from '@/src/dashboard/channels/webhook-target';
import { loadTenantPage } from '@/src/dashboard/load-tenant-page';
import { publicBaseUrl } from '@/src/dashboard/public-base-url';
import { canAdminister } from '@/src/dashboard/tenants/resolve-tenant';
import { ui } from '@/src/ui/styles';
import {
  deleteTestTrafficAction,
  saveChannelAction,
  sendChannelTestAction,
  setChannelEnabledAction,
} from './actions';
import {
  beginOnboardingAction,
  connectFacebookPageAction,
  finishWhatsAppSignupAction,
  listFacebookPagesAction,
} from './onboarding-actions';

export const dynamic = 'force-dynamic';

export default async function ChannelsPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenantSlug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { tenantSlug } = await params;
  const { db, staff, tenant, t, env } = await loadTenantPage(tenantSlug);
  if (!canAdminister(tenant)) return <p className={ui.muted}>{t.channelsPage.adminOnly}</p>;
  const [page, health, notices, base, testTraffic] = await Promise.all([
    loadChannels(db, staff, tenant),
    loadChannelHealth(db, staff, tenant),
    loadChannelNotices(db, staff, tenant),
    publicBaseUrl(env),
    loadTestTraffic(db, staff, tenant),
  ]);
  const now = new Date();
  return (
    <div className="space-y-6">
      <div>
        <h1 className={ui.h1}>{t.channelsPage.title}</h1>
        <p className={`mt-1 max-w-3xl ${ui.muted}`}>{t.channelsPage.intro}</p>
      </div>
      <PolicyBlockNotice blocks={notices.policy_blocks} t={t} timezone={tenant.timezone} />
      <SelfServePanel
        env={env}
        t={t}
        tenantSlug={tenant.slug}
        notice={connectNotice(await searchParams, t)}
        actions={{
          begin: beginOnboardingAction,
          finishWhatsApp: finishWhatsAppSignupAction,
          listPages: listFacebookPagesAction,
          connectPage: connectFacebookPageAction,
        }}
      />
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
              webhook={webhookTarget(base, tenant.slug, channel, card, env)}
              platformApp={hasPlatformApp(env, channel)}
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
      <TestTrafficCard
        traffic={testTraffic}
        tenantSlug={tenant.slug}
        t={t}
        action={deleteTestTrafficAction}
      />
    </div>
  );
}

import type { AppEnv } from '@/src/env';
import type { Messages } from '@/src/i18n/messages-es';
import type { ActionState } from '@/src/ui/action-state';
import { CardSection } from '@/src/ui/card-section';
import { ui } from '@/src/ui/styles';
import { metaApp, tiktokApp } from '../onboarding/platform-apps';
import { FacebookPagesCard } from './facebook-pages-card';
import { WhatsAppSignupCard } from './whatsapp-signup-card';

// "Connect in a few clicks": shown only when the deployment has the platform's own apps.

type Step = (data: FormData) => Promise<ActionState>;

export function SelfServePanel({
  env,
  t,
  tenantSlug,
  notice,
  actions,
}: {
  env: AppEnv;
  t: Messages;
  tenantSlug: string;
  notice?: ActionState;
  actions: { begin: Step; finishWhatsApp: Step; listPages: Step; connectPage: Step };
}) {
  const meta = metaApp(env);
  const tiktok = tiktokApp(env);
  if (!meta && !tiktok) return null;
  const c = t.connect;
  const common = {
    working: c.working,
    cancelled: c.reasons.signup_cancelled ?? '',
    generic: t.errors.generic,
  };
  const sdk = meta && {
    sdkUrl: env.FACEBOOK_SDK_URL,
    appId: meta.appId,
    graphVersion: env.GRAPH_API_VERSION,
  };
  return (
    <CardSection id="self-serve-title" testId="self-serve" title={c.selfServeTitle}>
      <p className={`mt-1 ${ui.muted}`}>{c.selfServeIntro}</p>
      {notice && notice.status !== 'idle' && (
        <p
          data-testid={notice.status === 'ok' ? 'connect-notice' : 'connect-error'}
          role={notice.status === 'error' ? 'alert' : undefined}
          className={`mt-3 rounded-lg px-3 py-2 text-sm ${notice.status === 'ok' ? 'bg-emerald-50 text-emerald-900' : 'bg-rose-50 text-rose-900'}`}
        >
          {notice.status === 'ok' ? notice.notice : notice.message}
        </p>
      )}
      <div className="mt-4 grid gap-6 lg:grid-cols-3">
        {meta && sdk && (
          <WhatsAppSignupCard
            tenantSlug={tenantSlug}
            sdk={sdk}
            configId={meta.configId}
            begin={actions.begin}
            finish={actions.finishWhatsApp}
            texts={{
              ...common,
              title: c.whatsappTitle,
              help: c.whatsappHelp,
              coexistence: c.coexistence,
              coexistenceHelp: c.coexistenceHelp,
              pin: c.pin,
              pinHelp: c.pinHelp,
              button: c.connectWhatsapp,
            }}
          />
        )}
        {meta && sdk && (
          <FacebookPagesCard
            tenantSlug={tenantSlug}
            sdk={sdk}
            configId={env.META_FLB_CONFIG_ID}
            begin={actions.begin}
            list={actions.listPages}
            connect={actions.connectPage}
            texts={{
              ...common,
              title: c.pagesTitle,
              help: c.pagesHelp,
              button: c.connectPages,
              pick: c.pickPage,
              connect: c.connectThisPage,
              withoutInstagram: c.withoutInstagram,
              instagramPrefix: c.instagramLinked,
            }}
          />
        )}
        {tiktok && (
          <div className="space-y-3" data-testid="connect-tiktok">
            <h3 className="font-medium text-slate-900">{c.tiktokTitle}</h3>
            <p className={ui.muted}>{c.tiktokHelp}</p>
            <a
              className={ui.button}
              href={`/api/onboarding/tiktok/start?tenant=${encodeURIComponent(tenantSlug)}`}
            >
              {c.connectTiktok}
            </a>
          </div>
        )}
      </div>
    </CardSection>
  );
}

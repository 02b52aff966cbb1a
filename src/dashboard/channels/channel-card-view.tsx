import type { Channel } from '@/src/channels/channel-registry';
import type { Messages } from '@/src/i18n/messages-es';
import { ActionForm } from '@/src/ui/action-form';
import type { ActionState } from '@/src/ui/action-state';
import { Badge, type BadgeTone } from '@/src/ui/badge';
import { CardSection } from '@/src/ui/card-section';
import { formatDateTime } from '@/src/ui/format-date';
import { ui } from '@/src/ui/styles';
import { ChannelEditForm } from './channel-edit-form';
import { channelIdFields, storedIdColumn, usesVerifyToken } from './channel-fields';
import { ChannelHealthView } from './channel-health-view';
import type { ChannelHealth } from './load-channel-health';
import type { ChannelCard } from './load-channels';
import type { WebhookTarget } from './webhook-target';

type Action = (state: ActionState, data: FormData) => Promise<ActionState>;

const statusTone: Record<string, BadgeTone> = {
  connected: 'good',
  disconnected: 'neutral',
  needs_reauth: 'warn',
  error: 'bad',
};

// One channel: status, what to paste into the platform, masked secrets, and the edit form.
export function ChannelCardView({
  channel,
  card,
  health,
  now,
  tenantSlug,
  webhook,
  platformApp,
  timezone,
  t,
  saveAction,
  toggleAction,
  extra,
}: {
  channel: Channel;
  card: ChannelCard | undefined;
  health?: ChannelHealth;
  now: Date;
  tenantSlug: string;
  webhook: WebhookTarget;
  /** The deployment has its own app for this channel: the form needs no secret. */
  platformApp: boolean;
  timezone: string;
  t: Messages;
  saveAction: Action;
  toggleAction: Action;
  extra?: React.ReactNode;
}) {
  const c = t.channelsPage;
  const id = (name: string) => `${channel}-${name}`;
  const twilio = channel === 'twilio' ? t.twilioConnect : undefined;
  const secretLabel =
    twilio?.authToken ??
    (channel === 'tiktok' ? c.clientSecret : channel === 'email' ? c.inboundCredentials : c.appSecret);
  const idLabel = (field: (typeof channelIdFields)[Channel][number]) =>
    twilio ? (field === 'businessAccountId' ? twilio.accountSid : twilio.senderStored) : c[field];
  return (
    <CardSection
      id={id('title')}
      testId={`channel-${channel}`}
      title={
        <>
          {t.channels[channel]}
          {card?.display_name ? (
            <span className="ml-2 text-sm font-normal text-slate-600">{card.display_name}</span>
          ) : null}
        </>
      }
      aside={
        <div className="flex flex-wrap gap-2">
          {card ? (
            <>
              <Badge tone={statusTone[card.status] ?? 'neutral'}>
                {c.status[card.status] ?? card.status}
              </Badge>
              <Badge tone={card.mode === 'sandbox' ? 'info' : 'good'}>
                {card.mode === 'sandbox' ? c.sandbox : c.live}
              </Badge>
              <Badge>{t.connect.appKind[card.app_kind] ?? card.app_kind}</Badge>
              <Badge tone={card.ai_enabled ? 'good' : 'neutral'}>
                {c.aiEnabled}: {card.ai_enabled ? t.common.yes : t.common.no}
              </Badge>
            </>
          ) : (
            <Badge>{c.notConnected}</Badge>
          )}
        </div>
      }
    >
      <dl className="mt-4 grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
        <div className="sm:col-span-2">
          <dt className="text-slate-600">
            {twilio?.webhookTitle ?? (webhook.platform ? t.connect.webhookAddress : c.webhookUrl)}
          </dt>
          <dd>
            <code className="block break-all rounded bg-slate-100 px-2 py-1 text-slate-900">
              {webhook.url}
            </code>
            <p className={ui.help}>
              {twilio?.webhookHelp ??
                (webhook.platform ? t.connect.webhookPlatformHelp : t.connect.webhookOwnHelp)}
            </p>
          </dd>
        </div>
        {usesVerifyToken(channel) && card && webhook.verifyToken !== null && (
          <div>
            <dt className="text-slate-600">{c.verifyToken}</dt>
            <dd>
              <code className="break-all rounded bg-slate-100 px-2 py-1">{webhook.verifyToken}</code>
            </dd>
          </div>
        )}
        {card &&
          channelIdFields[channel].map((field) => (
            <div key={field}>
              <dt className="text-slate-600">{idLabel(field)}</dt>
              <dd className="font-mono text-slate-900">{card[storedIdColumn[field]] ?? t.common.none}</dd>
            </div>
          ))}
        {card && (
          <>
            <div>
              <dt className="text-slate-600">{twilio?.sendCredentials ?? c.accessToken}</dt>
              <dd className="font-mono" data-testid={`${channel}-access-token`}>
                {card.access_token ?? c.secretMissing}
              </dd>
            </div>
            {!webhook.platform && (
              <div>
                <dt className="text-slate-600">{secretLabel}</dt>
                <dd className="font-mono" data-testid={`${channel}-webhook-secret`}>
                  {card.webhook_secret ?? c.secretMissing}
                </dd>
              </div>
            )}
            <div>
              <dt className="text-slate-600">{c.lastWebhook}</dt>
              <dd>
                {card.last_webhook_at ? formatDateTime(card.last_webhook_at, t.locale, timezone) : c.never}
              </dd>
            </div>
            {card.last_error && (
              <div className="sm:col-span-2">
                <dt className="text-slate-600">{c.lastError}</dt>
                <dd className="text-rose-800">{card.last_error}</dd>
              </div>
            )}
            {card.status === 'needs_reauth' && (
              <div className="sm:col-span-2">
                <dt className="text-slate-600">{c.reauthLabel}</dt>
                <dd className="text-amber-900" data-testid={`${channel}-reauth-hint`}>
                  {c.reauthHint}
                </dd>
              </div>
            )}
          </>
        )}
      </dl>
      <ChannelHealthView health={health} t={t} timezone={timezone} now={now} />

      <div className="mt-4 flex flex-wrap items-start gap-3">
        {card && (
          <ActionForm action={toggleAction}>
            <input type="hidden" name="tenantSlug" value={tenantSlug} />
            <input type="hidden" name="channel" value={channel} />
            <input type="hidden" name="enabled" value={card.status === 'disconnected' ? 'on' : 'off'} />
            <button
              type="submit"
              className={card.status === 'disconnected' ? ui.buttonSecondary : ui.buttonDanger}
            >
              {card.status === 'disconnected' ? c.enable : c.disable}
            </button>
          </ActionForm>
        )}
        {extra}
      </div>

      <ChannelEditForm
        channel={channel}
        card={card}
        tenantSlug={tenantSlug}
        t={t}
        action={saveAction}
        platformApp={platformApp}
      />
    </CardSection>
  );
}

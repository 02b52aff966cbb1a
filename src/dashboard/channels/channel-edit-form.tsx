import type { Channel } from '@/src/channels/channel-registry';
import type { Messages } from '@/src/i18n/messages-es';
import { ActionForm } from '@/src/ui/action-form';
import type { ActionState } from '@/src/ui/action-state';
import { SelectField } from '@/src/ui/select-field';
import { ui } from '@/src/ui/styles';
import { TextField } from '@/src/ui/text-field';
import { channelIdFields, storedIdColumn, usesVerifyToken } from './channel-fields';
import type { ChannelCard } from './load-channels';
import { TwilioConnectionFields } from './twilio-connection-fields';

// Connect or edit a channel, folded away until opened. Secret inputs are always empty
// (type=password, autocomplete off): nothing stored comes back; left blank, the stored one stays.
export function ChannelEditForm({
  channel,
  card,
  tenantSlug,
  t,
  action,
  platformApp = false,
}: {
  channel: Channel;
  card: ChannelCard | undefined;
  tenantSlug: string;
  t: Messages;
  action: (state: ActionState, data: FormData) => Promise<ActionState>;
  platformApp?: boolean;
}) {
  const c = t.channelsPage;
  const id = (name: string) => `${channel}-${name}`;
  const secretLabel =
    channel === 'tiktok' ? c.clientSecret : channel === 'email' ? c.inboundCredentials : c.appSecret;
  const help = t.connect.fieldHelp;
  const email = channel === 'email';
  const secretField = (
    <TextField
      id={id('webhookSecret')}
      name="webhookSecret"
      label={secretLabel}
      type="password"
      autoComplete="off"
      mono
      hint={
        card?.webhook_secret
          ? `${c.secretStored(card.webhook_secret)} · ${c.secretKept}`
          : email
            ? help.inboundCredentials
            : help.webhookSecret
      }
    />
  );
  const verifyField = usesVerifyToken(channel) && (
    <TextField
      id={id('verifyToken')}
      name="verifyToken"
      label={c.verifyToken}
      autoComplete="off"
      mono
      hint={c.verifyTokenHelp}
    />
  );
  // On the platform's app there is no secret to paste; a business with its own app opens this.
  const ownAppOnly = platformApp && card?.app_kind !== 'own';
  return (
    <details className="mt-4 rounded-lg border border-slate-200">
      <summary
        className={`cursor-pointer rounded-lg px-4 py-2 text-sm font-medium text-teal-800 ${ui.focus}`}
      >
        {c.edit}
      </summary>
      <ActionForm
        action={action}
        resetOnSuccess
        className="grid gap-4 p-4 sm:grid-cols-2"
        label={`${c.edit} ${t.channels[channel]}`}
      >
        <input type="hidden" name="tenantSlug" value={tenantSlug} />
        <input type="hidden" name="channel" value={channel} />
        <SelectField
          id={id('mode')}
          name="mode"
          label={c.mode}
          defaultValue={card?.mode ?? 'sandbox'}
          options={[
            { value: 'sandbox', label: c.sandbox },
            { value: 'live', label: c.live },
          ]}
        />
        <SelectField
          id={id('ai')}
          name="aiEnabled"
          label={c.aiEnabled}
          defaultValue={card?.ai_enabled === false ? 'off' : 'on'}
          options={[
            { value: 'on', label: t.common.yes },
            { value: 'off', label: t.common.no },
          ]}
        />
        <TextField
          id={id('displayName')}
          name="displayName"
          label={c.displayName}
          defaultValue={card?.display_name ?? ''}
        />
        {channel === 'twilio' ? (
          <TwilioConnectionFields card={card} t={t} />
        ) : (
          <>
            {channelIdFields[channel].map((field) => (
              <TextField
                key={field}
                id={id(field)}
                name={field}
                label={c[field]}
                defaultValue={card?.[storedIdColumn[field]] ?? ''}
                inputMode={field === 'displayPhoneNumber' ? 'numeric' : undefined}
                hint={help[field]}
                mono
              />
            ))}
            <TextField
              id={id('accessToken')}
              name="accessToken"
              label={c.accessToken}
              type="password"
              autoComplete="off"
              mono
              hint={
                card?.access_token
                  ? `${c.secretStored(card.access_token)} · ${c.secretKept}`
                  : email
                    ? help.emailAccessToken
                    : help.accessToken
              }
            />
            {ownAppOnly ? (
              <details className="sm:col-span-2" data-testid={id('own-app')}>
                <summary className={`cursor-pointer text-sm text-teal-800 ${ui.focus}`}>
                  {t.connect.ownAppToggle}
                </summary>
                <p className={ui.help}>{t.connect.ownAppHelp}</p>
                <div className="mt-2 grid gap-4 sm:grid-cols-2">
                  {secretField}
                  {verifyField}
                </div>
              </details>
            ) : (
              <>
                {secretField}
                {verifyField}
              </>
            )}
          </>
        )}
        <div className="sm:col-span-2">
          <button type="submit" className={ui.button}>
            {t.common.save}
          </button>
        </div>
      </ActionForm>
    </details>
  );
}

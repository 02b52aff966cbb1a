import type { Messages } from '@/src/i18n/messages-es';
import { ui } from '@/src/ui/styles';
import { TextField } from '@/src/ui/text-field';
import type { ChannelCard } from './load-channels';

// The Twilio part of the connection form: Account SID, Auth Token (it signs Twilio's webhooks),
// an optional API key to send with, and the sender. Secret inputs start empty; left blank, the
// stored ones stay (the masked hint says which is stored).
export function TwilioConnectionFields({ card, t }: { card: ChannelCard | undefined; t: Messages }) {
  const w = t.twilioConnect;
  const c = t.channelsPage;
  const kept = (hint: string | null | undefined, help: string) =>
    hint ? `${c.secretStored(hint)} · ${c.secretKept}. ${help}` : help;
  return (
    <>
      <TextField
        id="twilio-accountSid"
        name="accountSid"
        label={w.accountSid}
        defaultValue={card?.business_account_id ?? ''}
        autoComplete="off"
        hint={w.accountSidHelp}
        mono
      />
      <TextField
        id="twilio-authToken"
        name="authToken"
        label={w.authToken}
        type="password"
        autoComplete="off"
        hint={kept(card?.webhook_secret, w.authTokenHelp)}
        mono
      />
      <TextField
        id="twilio-sender"
        name="sender"
        label={w.sender}
        defaultValue={card?.phone_number_id ?? ''}
        autoComplete="off"
        hint={w.senderHelp}
        className="sm:col-span-2"
        mono
      />
      <details className="sm:col-span-2" data-testid="twilio-api-key">
        <summary className={`cursor-pointer text-sm text-teal-800 ${ui.focus}`}>{w.apiKeyTitle}</summary>
        <p className={ui.help}>{w.apiKeyIntro}</p>
        <div className="mt-2 grid gap-4 sm:grid-cols-2">
          <TextField id="twilio-apiKeySid" name="apiKeySid" label={w.apiKeySid} autoComplete="off" mono />
          <TextField
            id="twilio-apiKeySecret"
            name="apiKeySecret"
            label={w.apiKeySecret}
            type="password"
            autoComplete="off"
            hint={w.apiKeySecretHelp}
            mono
          />
        </div>
      </details>
    </>
  );
}

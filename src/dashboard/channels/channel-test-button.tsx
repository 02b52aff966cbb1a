import type { Messages } from '@/src/i18n/messages-es';
import { ActionForm } from '@/src/ui/action-form';
import type { ActionState } from '@/src/ui/action-state';
import { ui } from '@/src/ui/styles';
import { usesVerifyToken } from './channel-fields';
import type { ChannelCard } from './load-channels';

// Shown only where the test can run: a sandbox connection in local mode (signed message), or a
// Meta connection with a verify token where deployed (verification handshake).
export function ChannelTestButton({
  card,
  appMode,
  tenantSlug,
  t,
  action,
}: {
  card: ChannelCard | undefined;
  appMode: 'local' | 'production';
  tenantSlug: string;
  t: Messages;
  action: (state: ActionState, data: FormData) => Promise<ActionState>;
}) {
  if (!card) return null;
  const local = appMode === 'local';
  if (local && card.mode !== 'sandbox') return <p className={ui.help}>{t.channelsPage.testOnlySandbox}</p>;
  if (!local && (!usesVerifyToken(card.channel) || !card.verify_token)) return null;
  return (
    <ActionForm action={action}>
      <input type="hidden" name="tenantSlug" value={tenantSlug} />
      <input type="hidden" name="channel" value={card.channel} />
      <button type="submit" className={ui.buttonSecondary}>
        {local ? t.channelsPage.sendTest : t.channelsPage.verifyButton}
      </button>
    </ActionForm>
  );
}

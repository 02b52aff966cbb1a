import type { Messages } from '@/src/i18n/messages-es';
import { ActionForm } from '@/src/ui/action-form';
import type { ActionState } from '@/src/ui/action-state';
import { ui } from '@/src/ui/styles';
import type { TenantContext } from '../tenants/resolve-tenant';
import { EnableNotifications } from './enable-notifications';
import { enableTexts } from './enable-texts';
import type { Attention } from './load-attention';

type Action = (state: ActionState, data: FormData) => Promise<ActionState>;

// "Avisos": this browser's permission (explained before the browser asks), and the member's own
// choices of push, email and sound.
export function NotificationSettings({
  preferences,
  tenant,
  t,
  vapidPublicKey,
  saveAction,
  subscribeAction,
}: {
  preferences: Attention['preferences'];
  tenant: TenantContext;
  t: Messages;
  vapidPublicKey?: string;
  saveAction: Action;
  subscribeAction: Action;
}) {
  const a = t.attention;
  const choices = [
    { name: 'push', label: a.push, checked: preferences.push },
    { name: 'email', label: a.email, checked: preferences.email },
    { name: 'sound', label: a.sound, checked: preferences.sound },
  ];
  return (
    <>
      <section className={`${ui.card} space-y-3`} aria-labelledby="browser-notices">
        <h2 id="browser-notices" className={ui.h2}>
          {a.browserTitle}
        </h2>
        <p className={ui.muted}>{a.browserExplain}</p>
        <EnableNotifications
          tenantSlug={tenant.slug}
          vapidPublicKey={vapidPublicKey}
          saveSubscription={subscribeAction}
          texts={enableTexts(t)}
        />
      </section>
      <section className={ui.card} aria-labelledby="notice-preferences">
        <h2 id="notice-preferences" className={`${ui.h2} mb-3`}>
          {a.preferencesTitle}
        </h2>
        <ActionForm action={saveAction}>
          <div className="space-y-3">
            <input type="hidden" name="tenantSlug" value={tenant.slug} />
            {choices.map((choice) => (
              <label key={choice.name} className="flex items-start gap-3 text-sm text-slate-800">
                <input
                  type="checkbox"
                  name={choice.name}
                  defaultChecked={choice.checked}
                  className="mt-0.5 h-5 w-5 shrink-0"
                />
                <span>{choice.label}</span>
              </label>
            ))}
            <button type="submit" className={ui.button}>
              {a.save}
            </button>
          </div>
        </ActionForm>
      </section>
    </>
  );
}

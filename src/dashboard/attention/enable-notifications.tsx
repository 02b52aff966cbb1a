'use client';

import { useEffect, useState } from 'react';
import type { ActionState } from '@/src/ui/action-state';
import { ui } from '@/src/ui/styles';

type Permission = 'unsupported' | 'default' | 'granted' | 'denied' | 'unknown';

type Texts = {
  prompt: string;
  browserExplain: string;
  enable: string;
  enabled: string;
  pushToo: string;
  pushUnavailable: string;
  denied: string;
  unsupported: string;
};

function base64UrlToBytes(value: string): Uint8Array<ArrayBuffer> {
  const base64 = (value + '='.repeat((4 - (value.length % 4)) % 4)).replaceAll('-', '+').replaceAll('_', '/');
  const raw = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

// Asks the browser's permission only when the member presses the button (after reading why),
// then, where Web Push is configured, subscribes this browser so a closed tab still rings.
export function EnableNotifications({
  tenantSlug,
  vapidPublicKey,
  saveSubscription,
  texts,
  compact = false,
}: {
  tenantSlug: string;
  vapidPublicKey?: string;
  saveSubscription: (state: ActionState, data: FormData) => Promise<ActionState>;
  texts: Texts;
  compact?: boolean;
}) {
  const [permission, setPermission] = useState<Permission>('unknown');
  useEffect(() => {
    setPermission('Notification' in window ? Notification.permission : 'unsupported');
  }, []);

  useEffect(() => {
    if (permission === 'granted')
      void subscribeThisBrowser(tenantSlug, vapidPublicKey, saveSubscription).catch(() => {});
  }, [permission, tenantSlug, vapidPublicKey, saveSubscription]);

  if (permission === 'unknown' || (compact && permission !== 'default')) return null;
  if (permission === 'unsupported') return <p className={ui.muted}>{texts.unsupported}</p>;
  if (permission === 'denied') return <p className="text-sm text-amber-900">{texts.denied}</p>;
  if (permission === 'granted') {
    return (
      <p className="text-sm text-emerald-900" data-testid="notifications-enabled">
        {texts.enabled} {vapidPublicKey ? texts.pushToo : texts.pushUnavailable}
      </p>
    );
  }
  const button = (
    <button
      type="button"
      className={ui.button}
      onClick={async () => setPermission(await Notification.requestPermission())}
    >
      {texts.enable}
    </button>
  );
  if (!compact) return button;
  return (
    <section className="space-y-2 rounded-xl border border-teal-200 bg-teal-50 p-4" aria-label={texts.enable}>
      <p className="text-sm font-medium text-slate-900">{texts.prompt}</p>
      <p className="text-sm text-slate-700">{texts.browserExplain}</p>
      {button}
    </section>
  );
}

async function subscribeThisBrowser(
  tenantSlug: string,
  vapidPublicKey: string | undefined,
  saveSubscription: (state: ActionState, data: FormData) => Promise<ActionState>,
): Promise<void> {
  if (!vapidPublicKey || !('serviceWorker' in navigator) || !('PushManager' in window)) return;
  await navigator.serviceWorker.register('/sw.js');
  const ready = await navigator.serviceWorker.ready;
  const subscription =
    (await ready.pushManager.getSubscription()) ??
    (await ready.pushManager.subscribe({
      userVisibleOnly: true,
      applicationServerKey: base64UrlToBytes(vapidPublicKey),
    }));
  const data = new FormData();
  data.set('tenantSlug', tenantSlug);
  data.set('subscription', JSON.stringify(subscription.toJSON()));
  await saveSubscription({ status: 'idle' }, data);
}

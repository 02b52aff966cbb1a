'use client';

import { useEffect, useRef, useState } from 'react';
import type { ActionState } from '@/src/ui/action-state';
import { ui } from '@/src/ui/styles';
import { loadFacebookSdk, type SdkConfig } from './facebook-sdk';
import { formData } from './form-data';
import { readSignupSession, type SignupSession } from './signup-session';
import { StepResult } from './step-result';

// WhatsApp Embedded Signup (v4, PLATFORMS-2.md §1.2): FB.login with the configuration id, the
// session event for the WABA and number, then one server step. FB.login runs inside the click
// (popup blockers) while the single-use state is fetched alongside.

type Step = (data: FormData) => Promise<ActionState>;
export type WhatsAppSignupTexts = {
  title: string;
  help: string;
  coexistence: string;
  coexistenceHelp: string;
  pin: string;
  pinHelp: string;
  button: string;
  working: string;
  cancelled: string;
  generic: string;
};

type Pending = { state?: Promise<ActionState>; code?: string; session?: SignupSession; finishing?: boolean };

export function WhatsAppSignupCard(props: {
  tenantSlug: string;
  sdk: SdkConfig;
  configId: string;
  texts: WhatsAppSignupTexts;
  begin: Step;
  finish: Step;
}) {
  const { tenantSlug, sdk, configId, texts } = props;
  const [coexistence, setCoexistence] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ActionState>({ status: 'idle' });
  const pending = useRef<Pending>({});
  const pin = useRef('');

  const fail = (message: string) => {
    pending.current = {};
    setBusy(false);
    setResult({ status: 'error', message, fields: [] });
  };

  const maybeFinish = async () => {
    const { code, session, state } = pending.current;
    if (!code || session?.kind !== 'finish' || !state || pending.current.finishing) return;
    pending.current.finishing = true;
    const begun = await state;
    const token = begun.status === 'ok' ? (begun.data?.state as string | undefined) : undefined;
    if (!token) return fail(begun.status === 'error' ? begun.message : texts.generic);
    const answer = await props.finish(
      formData({
        tenantSlug,
        state: token,
        code,
        event: session.event,
        wabaId: session.wabaId,
        phoneNumberId: session.phoneNumberId,
        pin: session.event === 'FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING' ? undefined : pin.current,
      }),
    );
    pending.current = {};
    setBusy(false);
    setResult(answer);
  };

  useEffect(() => {
    loadFacebookSdk(sdk).catch(() => undefined);
    const onMessage = (event: MessageEvent) => {
      const session = readSignupSession(event, sdk.sdkUrl);
      if (!session || !pending.current.state) return;
      if (session.kind === 'cancel') return fail(texts.cancelled);
      pending.current.session = session;
      void maybeFinish();
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  });

  const start = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const fb = window.FB;
    if (!fb) return fail(texts.generic);
    pin.current = String(new FormData(event.currentTarget).get('pin') ?? '');
    setBusy(true);
    setResult({ status: 'idle' });
    pending.current = { state: props.begin(formData({ tenantSlug, flow: 'whatsapp_signup' })) };
    const extras = coexistence
      ? { setup: {}, featureType: 'whatsapp_business_app_onboarding', sessionInfoVersion: '3' }
      : { setup: {}, featureType: '', sessionInfoVersion: '3' };
    fb.login(
      (response) => {
        const code = response.authResponse?.code;
        if (!code) return fail(texts.cancelled);
        pending.current.code = code;
        void maybeFinish();
      },
      { config_id: configId, response_type: 'code', override_default_response_type: true, extras },
    );
  };

  return (
    <form onSubmit={start} className="space-y-3" aria-label={texts.title} data-testid="connect-whatsapp">
      <h3 className="font-medium text-slate-900">{texts.title}</h3>
      <p className={ui.muted}>{texts.help}</p>
      <label className="flex items-start gap-2 text-sm text-slate-800">
        <input
          type="checkbox"
          name="coexistence"
          className="mt-1"
          checked={coexistence}
          onChange={(event) => setCoexistence(event.target.checked)}
        />
        <span>
          {texts.coexistence}
          <span className={`block ${ui.help}`}>{texts.coexistenceHelp}</span>
        </span>
      </label>
      {!coexistence && (
        <div>
          <label htmlFor="whatsapp-pin" className={ui.label}>
            {texts.pin}
          </label>
          <input
            id="whatsapp-pin"
            name="pin"
            inputMode="numeric"
            autoComplete="off"
            pattern="\d{6}"
            maxLength={6}
            required
            aria-describedby="whatsapp-pin-help"
            className={`${ui.input} max-w-40 font-mono`}
          />
          <p id="whatsapp-pin-help" className={ui.help}>
            {texts.pinHelp}
          </p>
        </div>
      )}
      <button type="submit" className={ui.button} disabled={busy}>
        {texts.button}
      </button>
      <StepResult state={result} working={texts.working} busy={busy} />
    </form>
  );
}

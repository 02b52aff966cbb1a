'use client';

import { useEffect, useState } from 'react';
import type { ActionState } from '@/src/ui/action-state';
import { ui } from '@/src/ui/styles';
import { loadFacebookSdk, type SdkConfig } from './facebook-sdk';
import { formData } from './form-data';
import { StepResult } from './step-result';

// Messenger / Instagram through Facebook Login: log in, list the person's Pages (names only; the
// tokens stay on the server), pick one. With a Facebook Login for Business configuration id the
// dialog asks for what it names; otherwise for the permissions below.

type Step = (data: FormData) => Promise<ActionState>;
type Page = { id: string; name: string; instagram?: string };
export type FacebookPagesTexts = {
  title: string;
  help: string;
  button: string;
  pick: string;
  connect: string;
  withoutInstagram: string;
  instagramPrefix: string;
  working: string;
  cancelled: string;
  generic: string;
};

export const pageScopes =
  'pages_show_list,pages_messaging,pages_manage_metadata,business_management,instagram_basic,instagram_manage_messages';

export function FacebookPagesCard(props: {
  tenantSlug: string;
  sdk: SdkConfig;
  configId?: string;
  texts: FacebookPagesTexts;
  begin: Step;
  list: Step;
  connect: Step;
}) {
  const { tenantSlug, sdk, texts } = props;
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ActionState>({ status: 'idle' });
  const [choice, setChoice] = useState<{ state: string; pages: Page[] } | undefined>();

  useEffect(() => {
    loadFacebookSdk(sdk).catch(() => undefined);
  }, [sdk]);

  const fail = (message: string) => {
    setBusy(false);
    setResult({ status: 'error', message, fields: [] });
  };

  const login = () => {
    const fb = window.FB;
    if (!fb) return fail(texts.generic);
    setBusy(true);
    setResult({ status: 'idle' });
    setChoice(undefined);
    const begun = props.begin(formData({ tenantSlug, flow: 'meta_pages' }));
    const options = props.configId ? { config_id: props.configId } : { scope: pageScopes };
    fb.login(async (response) => {
      const userToken = response.authResponse?.accessToken;
      if (!userToken) return fail(texts.cancelled);
      const started = await begun;
      const state = started.status === 'ok' ? (started.data?.state as string | undefined) : undefined;
      if (!state) return fail(started.status === 'error' ? started.message : texts.generic);
      const listed = await props.list(formData({ tenantSlug, state, userToken }));
      if (listed.status !== 'ok') return fail(listed.status === 'error' ? listed.message : texts.generic);
      setChoice({ state, pages: (listed.data?.pages as Page[]) ?? [] });
      setBusy(false);
    }, options);
  };

  const connect = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!choice) return;
    const pageId = String(new FormData(event.currentTarget).get('pageId') ?? '');
    setBusy(true);
    const answer = await props.connect(formData({ tenantSlug, state: choice.state, pageId }));
    setBusy(false);
    setResult(answer);
    if (answer.status === 'ok') setChoice(undefined);
  };

  return (
    <div className="space-y-3" data-testid="connect-pages">
      <h3 className="font-medium text-slate-900">{texts.title}</h3>
      <p className={ui.muted}>{texts.help}</p>
      {!choice && (
        <button type="button" className={ui.button} onClick={login} disabled={busy}>
          {texts.button}
        </button>
      )}
      {choice && (
        <form onSubmit={connect} className="space-y-2" aria-label={texts.pick}>
          <fieldset className="space-y-2">
            <legend className={ui.label}>{texts.pick}</legend>
            {choice.pages.map((page, index) => (
              <label
                key={page.id}
                className="flex items-start gap-2 rounded-lg border border-slate-200 p-3 text-sm"
              >
                <input
                  type="radio"
                  name="pageId"
                  value={page.id}
                  defaultChecked={index === 0}
                  className="mt-1"
                />
                <span>
                  <span className="font-medium text-slate-900">{page.name}</span>
                  <span className={`block ${ui.help}`}>
                    {page.instagram ? `${texts.instagramPrefix} @${page.instagram}` : texts.withoutInstagram}
                  </span>
                </span>
              </label>
            ))}
          </fieldset>
          <button type="submit" className={ui.button} disabled={busy}>
            {texts.connect}
          </button>
        </form>
      )}
      <StepResult state={result} working={texts.working} busy={busy} />
    </div>
  );
}

'use client';

import { startTransition, useActionState, useEffect, useRef, useState } from 'react';
import type { ActionState } from '@/src/ui/action-state';
import { CardSection } from '@/src/ui/card-section';
import { ui } from '@/src/ui/styles';
import { TextField } from '@/src/ui/text-field';

type Turn = { id: number; message: string; source: string; lines: string[] };

// The test chat beside the AI settings. Each message is sent with the unsaved fields of every
// section form on the page (`draft.<section>.<field>`), so staff see what their edits would do
// before saving them. Nothing is stored; the transcript lives in this component only.
function withDrafts(form: HTMLFormElement): FormData {
  const data = new FormData(form);
  for (const section of document.querySelectorAll<HTMLElement>('[data-ai-section]')) {
    const sectionForm = section.querySelector('form');
    if (!sectionForm) continue;
    for (const [key, value] of new FormData(sectionForm).entries()) {
      if (typeof value === 'string' && !key.startsWith('$ACTION')) {
        data.append(`draft.${section.dataset.aiSection}.${key}`, value);
      }
    }
  }
  return data;
}

/** The chat's texts (plain strings: a client component cannot be given the message functions). */
export type AiTestChatLabels = {
  preview: string;
  previewHelp: string;
  previewEmpty: string;
  previewYou: string;
  previewMessage: string;
  previewButton: string;
};

export function AiTestChat({
  tenantSlug,
  labels: a,
  action,
}: {
  tenantSlug: string;
  labels: AiTestChatLabels;
  action: (state: ActionState, data: FormData) => Promise<ActionState>;
}) {
  const [state, send, pending] = useActionState(action, { status: 'idle' });
  const [turns, setTurns] = useState<Turn[]>([]);
  const asked = useRef('');
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.status !== 'ok') return;
    setTurns((previous) => [
      ...previous,
      { id: previous.length, message: asked.current, source: state.notice, lines: state.lines ?? [] },
    ]);
    form.current?.reset();
  }, [state]);
  return (
    <CardSection id="ai-test-chat" title={a.preview} testId="ai-test-chat">
      <p className={`mt-1 ${ui.muted}`}>{a.previewHelp}</p>
      <ol className="mt-3 max-h-96 space-y-3 overflow-y-auto" aria-live="polite">
        {turns.length === 0 && <li className={ui.muted}>{a.previewEmpty}</li>}
        {turns.map((turn) => (
          <li key={turn.id} className="space-y-2" data-testid="ai-test-turn">
            <div className="ml-8 rounded-lg bg-teal-50 px-3 py-2 text-sm text-slate-900">
              <p className="text-xs font-medium text-slate-700">{a.previewYou}</p>
              <p className="whitespace-pre-wrap [overflow-wrap:anywhere]">{turn.message}</p>
            </div>
            <div
              className="mr-8 rounded-lg bg-slate-100 px-3 py-2 text-sm text-slate-900"
              data-testid="ai-test-reply"
            >
              <p className="text-xs font-medium text-slate-700">{turn.source}</p>
              {turn.lines.map((line, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: static lines of one answer
                <p key={index} className="mt-1 whitespace-pre-wrap [overflow-wrap:anywhere]">
                  {line}
                </p>
              ))}
            </div>
          </li>
        ))}
      </ol>
      <form
        ref={form}
        aria-label={a.preview}
        className="mt-3"
        onSubmit={(event) => {
          event.preventDefault();
          const data = withDrafts(event.currentTarget);
          asked.current = String(data.get('message') ?? '');
          startTransition(() => send(data));
        }}
      >
        <fieldset disabled={pending} className="space-y-3">
          <input type="hidden" name="tenantSlug" value={tenantSlug} />
          <TextField
            id="ai-test-message"
            name="message"
            label={a.previewMessage}
            rows={2}
            required
            maxLength={2000}
          />
          <button type="submit" className={ui.buttonSecondary}>
            {a.previewButton}
          </button>
        </fieldset>
        {state.status === 'error' && (
          <div
            data-testid="form-error"
            role="alert"
            className="mt-3 rounded-lg bg-rose-50 px-3 py-2 text-sm text-rose-900"
          >
            <p>{state.message}</p>
            {state.fields.length > 0 && (
              <ul className="mt-1 list-inside list-disc">
                {state.fields.map((field) => (
                  <li key={field}>{field}</li>
                ))}
              </ul>
            )}
          </div>
        )}
      </form>
    </CardSection>
  );
}

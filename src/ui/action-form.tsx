'use client';

import { type ReactNode, startTransition, useActionState, useEffect, useRef } from 'react';
import type { ActionState } from './action-state';

// Its fields sit in a display:contents fieldset (disabled while pending), so spacing classes
// such as space-y-* on the form never reach them: wrap the fields in a spaced <div> instead.
// A form bound to a server action. Submitting keeps what was typed (no automatic reset) unless
// resetOnSuccess; the outcome is announced in a live region.
export function ActionForm({
  action,
  children,
  className,
  resetOnSuccess = false,
  label,
}: {
  action: (state: ActionState, data: FormData) => Promise<ActionState>;
  children: ReactNode;
  className?: string;
  resetOnSuccess?: boolean;
  label?: string;
}) {
  const [state, formAction, pending] = useActionState(action, { status: 'idle' });
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (resetOnSuccess && state.status === 'ok') form.current?.reset();
  }, [state, resetOnSuccess]);
  return (
    <form
      ref={form}
      action={formAction}
      aria-label={label}
      className={className}
      onSubmit={(event) => {
        event.preventDefault();
        const submitter = (event.nativeEvent as SubmitEvent).submitter;
        const data = new FormData(event.currentTarget, submitter);
        startTransition(() => formAction(data));
      }}
    >
      <fieldset disabled={pending} className="contents">
        {children}
      </fieldset>
      <output aria-live="polite" className="block">
        {state.status === 'ok' && (
          <div
            data-testid="form-notice"
            className="mt-3 rounded-lg bg-emerald-50 px-3 py-2 text-sm text-emerald-900 [overflow-wrap:anywhere]"
          >
            <p>{state.notice}</p>
            {state.lines?.map((line, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: static list for one answer
              <p key={index} className="mt-1 whitespace-pre-wrap text-slate-900">
                {line}
              </p>
            ))}
          </div>
        )}
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
      </output>
    </form>
  );
}

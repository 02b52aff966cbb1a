import type { ActionState } from '@/src/ui/action-state';

// The outcome of a self-serve step, announced like a form's (same test ids).
export function StepResult({ state, working, busy }: { state: ActionState; working: string; busy: boolean }) {
  return (
    <output aria-live="polite" className="block">
      {busy && (
        <p data-testid="connect-progress" className="mt-3 flex items-center gap-2 text-sm text-slate-700">
          <span className="inline-block h-3 w-3 animate-spin rounded-full border-2 border-teal-700 border-t-transparent" />
          {working}
        </p>
      )}
      {!busy && state.status === 'ok' && state.notice && (
        <p
          data-testid="form-notice"
          className="mt-3 rounded-lg bg-emerald-50 px-3 py-2 text-sm text-emerald-900"
        >
          {state.notice}
        </p>
      )}
      {!busy && state.status === 'error' && (
        <p
          data-testid="form-error"
          role="alert"
          className="mt-3 rounded-lg bg-rose-50 px-3 py-2 text-sm text-rose-900"
        >
          {state.message}
          {state.fields.length > 0 ? ` ${state.fields.join(', ')}` : ''}
        </p>
      )}
    </output>
  );
}

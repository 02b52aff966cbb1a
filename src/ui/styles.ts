// Shared Tailwind class lists: one calm look, visible focus rings, AA contrast.

const focus = 'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-teal-700';

export const ui = {
  focus,
  card: 'rounded-xl border border-slate-200 bg-white p-5 shadow-sm',
  h1: 'text-2xl font-semibold tracking-tight text-slate-900',
  h2: 'text-lg font-semibold text-slate-900',
  muted: 'text-sm text-slate-600',
  label: 'block text-sm font-medium text-slate-800',
  help: 'mt-1 text-xs text-slate-600',
  input: `mt-1 block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm placeholder:text-slate-400 disabled:bg-slate-100 ${focus}`,
  button: `inline-flex items-center justify-center gap-2 rounded-lg bg-teal-700 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-teal-800 disabled:cursor-not-allowed disabled:opacity-60 ${focus}`,
  buttonSecondary: `inline-flex items-center justify-center gap-2 rounded-lg border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 shadow-sm hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-60 ${focus}`,
  buttonDanger: `inline-flex items-center justify-center gap-2 rounded-lg border border-rose-300 bg-white px-4 py-2 text-sm font-medium text-rose-800 shadow-sm hover:bg-rose-50 ${focus}`,
  link: `font-medium text-teal-800 underline-offset-2 hover:underline ${focus}`,
  table: 'min-w-full divide-y divide-slate-200 text-sm',
  th: 'px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-600',
  td: 'px-3 py-2 align-top text-slate-800',
};

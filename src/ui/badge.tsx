import type { ReactNode } from 'react';

const tones = {
  neutral: 'bg-slate-100 text-slate-800 ring-slate-300',
  good: 'bg-emerald-50 text-emerald-800 ring-emerald-300',
  warn: 'bg-amber-50 text-amber-900 ring-amber-300',
  bad: 'bg-rose-50 text-rose-800 ring-rose-300',
  info: 'bg-sky-50 text-sky-900 ring-sky-300',
  hot: 'bg-rose-100 text-rose-900 ring-rose-300',
  warm: 'bg-amber-100 text-amber-900 ring-amber-300',
  cold: 'bg-sky-100 text-sky-900 ring-sky-300',
} as const;

export type BadgeTone = keyof typeof tones;

export function Badge({
  tone = 'neutral',
  children,
  title,
}: {
  tone?: BadgeTone;
  children: ReactNode;
  title?: string;
}) {
  return (
    <span
      title={title}
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${tones[tone]}`}
    >
      {children}
    </span>
  );
}

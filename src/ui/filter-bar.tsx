import type { ReactNode } from 'react';
import { ui } from './styles';

// Filters as a plain GET form: the URL holds them (bookmarkable, works without JavaScript).
// In a row above a list, or stacked in a narrow column.
export function FilterBar({
  label,
  submitLabel,
  stacked = false,
  children,
}: {
  label: string;
  submitLabel: string;
  stacked?: boolean;
  children: ReactNode;
}) {
  return (
    <form
      method="get"
      aria-label={label}
      className={`${ui.card} ${stacked ? 'space-y-3' : 'flex flex-wrap items-end gap-3'}`}
    >
      {children}
      <button type="submit" className={ui.buttonSecondary}>
        {submitLabel}
      </button>
    </form>
  );
}

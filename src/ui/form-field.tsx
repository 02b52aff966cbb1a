import type { ReactNode } from 'react';
import { ui } from './styles';

// The ids a field's control points to with aria-describedby, so a screen reader reads the hint
// and the error with the field.
export function fieldDescriptionIds({
  id,
  hint,
  error,
  describedBy,
}: {
  id: string;
  hint?: ReactNode;
  error?: ReactNode;
  describedBy?: string;
}): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : '', describedBy ?? ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

// A label above its control, with an optional hint and error below. The control is passed in
// (input, textarea, select, with a datalist or not) and must carry the same id.
export function FormField({
  id,
  label,
  hint,
  error,
  className,
  children,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: ReactNode;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={className}>
      <label htmlFor={id} className={ui.label}>
        {label}
      </label>
      {children}
      {hint && (
        <p id={`${id}-hint`} className={ui.help}>
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="mt-1 text-xs text-rose-800">
          {error}
        </p>
      )}
    </div>
  );
}

import type { ReactNode } from 'react';
import { FormField, fieldDescriptionIds } from './form-field';
import { ui } from './styles';

// A labelled text input, or a textarea when rows is given.
export function TextField({
  id,
  name,
  label,
  hint,
  error,
  rows,
  mono = false,
  describedBy,
  className,
  ...control
}: {
  id: string;
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: ReactNode;
  rows?: number;
  // Ids, tokens and phone numbers read better in a fixed-width font.
  mono?: boolean;
  // Another element that describes the control (a notice outside the field).
  describedBy?: string;
  className?: string;
  defaultValue?: string | number;
  type?: string;
  required?: boolean;
  maxLength?: number;
  autoComplete?: string;
  inputMode?: 'numeric' | 'text';
  list?: string;
}) {
  const attributes = {
    id,
    name,
    'aria-describedby': fieldDescriptionIds({ id, hint, error, describedBy }),
    'aria-invalid': error ? true : undefined,
    className: mono ? `${ui.input} font-mono` : ui.input,
  };
  const { type, list, inputMode, ...shared } = control;
  return (
    <FormField id={id} label={label} hint={hint} error={error} className={className}>
      {rows ? (
        <textarea rows={rows} {...attributes} {...shared} />
      ) : (
        <input type={type} list={list} inputMode={inputMode} {...attributes} {...shared} />
      )}
    </FormField>
  );
}

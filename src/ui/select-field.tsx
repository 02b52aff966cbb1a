import type { ReactNode } from 'react';
import { FormField, fieldDescriptionIds } from './form-field';
import { ui } from './styles';

export type SelectOption = { value: string; label: string };

// A labelled drop-down of options.
export function SelectField({
  id,
  name,
  label,
  options,
  defaultValue,
  hint,
  error,
}: {
  id: string;
  name: string;
  label: ReactNode;
  options: SelectOption[];
  defaultValue: string;
  hint?: ReactNode;
  error?: ReactNode;
}) {
  return (
    <FormField id={id} label={label} hint={hint} error={error}>
      <select
        id={id}
        name={name}
        defaultValue={defaultValue}
        aria-describedby={fieldDescriptionIds({ id, hint, error })}
        aria-invalid={error ? true : undefined}
        className={ui.input}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FormField>
  );
}

import type { Messages } from '@/src/i18n/messages-es';
import { TextField } from '@/src/ui/text-field';

// The search box and the date range of a list's filter form (plain GET fields).
export function SearchFields({
  idPrefix,
  label,
  filter,
  t,
}: {
  idPrefix: string;
  label: string;
  filter: { q?: string; from?: string; to?: string };
  t: Messages;
}) {
  const f = t.finding;
  return (
    <>
      <TextField
        id={`${idPrefix}-q`}
        name="q"
        type="search"
        label={label}
        hint={f.searchHint}
        defaultValue={filter.q ?? ''}
        maxLength={200}
        className="w-full sm:min-w-72 sm:flex-1"
      />
      <TextField
        id={`${idPrefix}-from`}
        name="from"
        type="date"
        label={f.from}
        defaultValue={filter.from ?? ''}
      />
      <TextField id={`${idPrefix}-to`} name="to" type="date" label={f.to} defaultValue={filter.to ?? ''} />
    </>
  );
}

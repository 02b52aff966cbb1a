'use client';

import { type KeyboardEvent, useId, useRef, useState } from 'react';
import { ui } from '@/src/ui/styles';
import { matchOptions, replaceToken, type TriggerToken, triggerToken } from './trigger-text';

export type PickerOption = { id: string; label: string; detail?: string; insert: string };

// A textarea that opens a list of options when a trigger is typed ("/" for quick replies, "@" for
// mentions): arrows move, Enter or Tab picks, Escape closes; a click picks too. The picked
// option's text replaces the typed token. Uncontrolled, so its form's reset empties it.
export function PickerTextarea({
  id,
  name,
  label,
  hint,
  trigger,
  options,
  emptyText,
  listLabel,
  rows = 3,
  maxLength,
  required,
  describedBy,
  onTextChange,
}: {
  id: string;
  name: string;
  label: string;
  hint?: string;
  trigger: '/' | '@';
  options: PickerOption[];
  emptyText: string;
  listLabel: string;
  rows?: number;
  maxLength?: number;
  required?: boolean;
  describedBy?: string;
  onTextChange?: (text: string) => void;
}) {
  const area = useRef<HTMLTextAreaElement>(null);
  const [token, setToken] = useState<TriggerToken | null>(null);
  const [active, setActive] = useState(0);
  const listId = useId();
  const hintId = `${id}-hint`;
  const matches = token ? matchOptions(options, token.query) : [];
  const open = token !== null && options.length > 0;

  function refresh() {
    const el = area.current;
    if (!el) return;
    setToken(triggerToken(el.value, el.selectionStart, trigger));
    setActive(0);
    onTextChange?.(el.value);
  }

  function pick(option: PickerOption) {
    const el = area.current;
    if (!el || !token) return;
    const next = replaceToken(el.value, el.selectionStart, token, option.insert);
    el.value = next.text;
    el.focus();
    el.setSelectionRange(next.caret, next.caret);
    setToken(null);
    onTextChange?.(el.value);
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (!open) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      setToken(null);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((index) => (matches.length === 0 ? 0 : (index + step + matches.length) % matches.length));
    } else if ((event.key === 'Enter' || event.key === 'Tab') && matches[active]) {
      event.preventDefault();
      pick(matches[active]);
    }
  }

  const optionId = (index: number) => `${listId}-option-${index}`;
  return (
    <div className="relative">
      <label htmlFor={id} className={ui.label}>
        {label}
      </label>
      <textarea
        ref={area}
        id={id}
        name={name}
        rows={rows}
        maxLength={maxLength}
        required={required}
        className={ui.input}
        aria-describedby={[hint ? hintId : null, describedBy].filter(Boolean).join(' ') || undefined}
        aria-autocomplete="list"
        aria-controls={open ? listId : undefined}
        aria-activedescendant={open && matches[active] ? optionId(active) : undefined}
        onInput={refresh}
        onKeyUp={(event) => {
          if (
            event.key === 'ArrowLeft' ||
            event.key === 'ArrowRight' ||
            event.key === 'Home' ||
            event.key === 'End'
          ) {
            refresh();
          }
        }}
        onClick={refresh}
        onKeyDown={onKeyDown}
        onBlur={() => setTimeout(() => setToken(null), 150)}
      />
      {hint && (
        <p id={hintId} className={ui.help}>
          {hint}
        </p>
      )}
      {open && (
        <div className="absolute bottom-full left-0 z-20 mb-1 w-full max-w-md rounded-lg border border-slate-300 bg-white shadow-lg">
          <div
            id={listId}
            role="listbox"
            aria-label={listLabel}
            className="max-h-60 overflow-auto py-1 text-sm"
          >
            {matches.map((option, index) => (
              // biome-ignore lint/a11y/useFocusableInteractive: focus stays in the textarea (aria-activedescendant)
              <div
                key={option.id}
                id={optionId(index)}
                role="option"
                aria-selected={index === active}
                data-testid="picker-option"
                className={`cursor-pointer px-3 py-2 ${index === active ? 'bg-teal-50 text-teal-900' : 'text-slate-800'}`}
                onMouseDown={(event) => {
                  event.preventDefault();
                  pick(option);
                }}
              >
                <span className="font-medium">{option.label}</span>
                {option.detail && (
                  <span className="block truncate text-xs text-slate-600">{option.detail}</span>
                )}
              </div>
            ))}
          </div>
          {matches.length === 0 && <p className="px-3 py-2 text-sm text-slate-600">{emptyText}</p>}
        </div>
      )}
    </div>
  );
}

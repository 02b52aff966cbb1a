import { ui } from './styles';

// Two buttons posting to the language action; works without JavaScript.
export function LanguageSwitch({
  action,
  current,
  label,
}: {
  action: (data: FormData) => Promise<void>;
  current: 'es' | 'en';
  label: string;
}) {
  return (
    <form action={action} aria-label={label} className="flex items-center gap-1 text-xs">
      {(['es', 'en'] as const).map((language) => (
        <button
          key={language}
          type="submit"
          name="language"
          value={language}
          aria-pressed={current === language}
          className={`rounded-md px-2 py-1 font-semibold uppercase ${ui.focus} ${
            current === language ? 'bg-slate-800 text-white' : 'text-slate-700 hover:bg-slate-100'
          }`}
        >
          {language}
        </button>
      ))}
    </form>
  );
}

import type { Messages } from '@/src/i18n/messages-es';
import { formatDateTime } from '@/src/ui/format-date';
import type { ConversationTeamwork } from './load-teamwork';

export type Note = ConversationTeamwork['notes'][number];

// An internal note in the thread: yellow, centred, marked "Nota interna"; never sent.
export function NoteBubble({ note, t, timezone }: { note: Note; t: Messages; timezone: string }) {
  const w = t.teamwork;
  return (
    <li className="flex justify-center" data-testid="note">
      <div className="w-full max-w-[90%] rounded-lg border border-dashed border-amber-400 bg-yellow-50 px-4 py-2 text-sm">
        <div className="mb-1 flex flex-wrap items-center gap-2 text-xs text-amber-950">
          <span className="font-semibold uppercase tracking-wide">{w.noteMark}</span>
          {note.author_email && <span>{w.noteBy(note.author_email)}</span>}
          <time dateTime={note.created_at}>{formatDateTime(note.created_at, t.locale, timezone)}</time>
        </div>
        <p className="whitespace-pre-wrap break-words text-slate-900">{note.body}</p>
        {note.mentions.length > 0 && (
          <p className="mt-1 text-xs text-amber-950">
            {w.noteMentions}: {note.mentions.join(', ')}
          </p>
        )}
      </div>
    </li>
  );
}

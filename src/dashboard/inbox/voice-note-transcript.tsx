import type { Messages } from '@/src/i18n/messages-es';

// A voice note's transcript under the message (kept in `media.transcript` by
// ai_record_transcript), so staff can read what the customer said without playing it.
export function VoiceNoteTranscript({ media, t }: { media: Record<string, unknown> | null; t: Messages }) {
  const transcript = typeof media?.transcript === 'string' ? media.transcript.trim() : '';
  if (!transcript) return null;
  return (
    <blockquote
      className="mt-1 border-l-2 border-slate-300 pl-2 text-sm text-slate-700"
      data-testid="voice-transcript"
      aria-label={t.aiMedia.transcript}
    >
      <p className="text-xs font-medium text-slate-500">{t.aiMedia.transcript}</p>
      <p className="whitespace-pre-wrap break-words">{transcript}</p>
    </blockquote>
  );
}

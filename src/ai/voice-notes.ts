import type { DbPort } from '@/src/db/rpc-port';
import type { AppEnv } from '@/src/env';
import { transcribeMediaFile } from '@/src/transcription/transcribe-media-file';
import type { AiContext, HistoryMessage } from './ai-context';
import { newCustomerMessages } from './conversation-turns';
import { mediaNotes, voiceNoteText } from './media-blocks';

// Voice notes for the AI. Their words (the transcript) replace the "[Nota de voz]" label, so
// Claude, the offline responder, the keyword rules and the lead signals all read what the
// customer said. A fresh voice note still without a transcript is transcribed here, in the AI
// job, when OpenAI is configured: the transcribe_media job may not have run yet.

export const askToWriteText =
  'Recibimos tu nota de voz, pero por ahora no podemos escucharla. ¿Nos escribes tu mensaje, por favor?';

function isVoiceNote(message: HistoryMessage): boolean {
  return message.direction === 'inbound' && (message.message_type === 'audio' || Boolean(audioOf(message)));
}

function audioOf(message: HistoryMessage) {
  return message.media?.find((file) => file.kind === 'audio');
}

/** The history with each transcribed voice note's text as "[Nota de voz] <transcript>". */
export function withVoiceNoteTexts(context: AiContext): AiContext {
  const history = context.history.map((message) => {
    if (!isVoiceNote(message) || message.deleted) return message;
    const audio = audioOf(message);
    const words = audio ? voiceNoteText(audio) : undefined;
    return { ...message, text: words ?? mediaNotes.voiceWithoutTranscript };
  });
  return { ...context, history };
}

/** Transcribes the fresh voice notes that are stored but not transcribed yet (best effort). */
export async function transcribeFreshVoiceNotes(
  db: DbPort,
  env: AppEnv,
  context: AiContext,
  signal?: AbortSignal,
): Promise<AiContext> {
  if (!env.OPENAI_API_KEY) return context;
  const fresh = new Set(newCustomerMessages(context.history).map((message) => message.id));
  const history: HistoryMessage[] = [];
  for (const message of context.history) {
    const audio = audioOf(message);
    // Done, or already given up on (failed for good, or a format OpenAI does not take).
    const settled = ['done', 'failed', 'skipped'].includes(audio?.transcript_status ?? '');
    if (!fresh.has(message.id) || !audio || audio.status !== 'stored' || settled) {
      history.push(message);
      continue;
    }
    const result = await transcribeMediaFile(db, env, audio.id, { tenantId: context.tenant.id, signal });
    const transcript = result.kind === 'done' ? result.transcript : undefined;
    const status = transcript ? 'done' : result.kind === 'retry' ? audio.transcript_status : 'failed';
    history.push({
      ...message,
      media: message.media?.map((file) =>
        file.id === audio.id ? { ...file, transcript: transcript ?? null, transcript_status: status } : file,
      ),
    });
  }
  return { ...context, history };
}

/** The fresh customer messages that are voice notes nobody could transcribe. */
export function untranscribedVoiceNotes(context: AiContext): HistoryMessage[] {
  return newCustomerMessages(context.history).filter(
    (message) =>
      isVoiceNote(message) && !message.deleted && message.text === mediaNotes.voiceWithoutTranscript,
  );
}

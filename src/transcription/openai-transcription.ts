import type { AppEnv } from '@/src/env';

// OpenAI's transcription endpoint (PLATFORMS-2.md §7): POST <base>/audio/transcriptions,
// multipart with `file`, `model` and an optional ISO-639-1 `language`. The API tells the audio
// format from the file's name and content type, so the file goes as `voice.<ext>` with its type
// (WhatsApp voice notes are audio/ogg with Opus). Accepted: flac, mp3, mp4, mpeg, mpga, m4a, ogg,
// wav, webm, at most 25 MiB (whisper-1). Audio cannot be passed by URL.

export const maxTranscriptionBytes = 25 * 1024 * 1024;
const timeoutMs = 60_000;

const extensions: Record<string, string> = {
  'audio/ogg': 'ogg',
  'audio/opus': 'ogg',
  'audio/mpeg': 'mp3',
  'audio/mp3': 'mp3',
  'audio/mp4': 'm4a',
  'audio/m4a': 'm4a',
  'audio/x-m4a': 'm4a',
  'audio/wav': 'wav',
  'audio/x-wav': 'wav',
  'audio/webm': 'webm',
  'audio/flac': 'flac',
  'video/mp4': 'mp4',
};

export type TranscriptionOutcome =
  | { kind: 'done'; text: string }
  /** Will never work for this file (format, size, or an empty result). */
  | { kind: 'skipped'; reason: string }
  /** The API refused the request (4xx other than 408/429). */
  | { kind: 'failed'; reason: string }
  /** Network, timeout, 408, 429 or 5xx: try again later. */
  | { kind: 'retry'; reason: string; retryAfterMs?: number };

/** "audio/ogg; codecs=opus" → "audio/ogg"; undefined when OpenAI does not take the format. */
export function transcriptionFormat(mimeType: string): { type: string; extension: string } | undefined {
  const type = mimeType.split(';')[0]!.trim().toLowerCase();
  const extension = extensions[type];
  return extension ? { type, extension } : undefined;
}

/** "es-MX" → "es": the API takes ISO-639-1. */
function languageOf(locale: string): string | undefined {
  const language = locale.split(/[-_]/)[0]?.toLowerCase();
  return language && /^[a-z]{2}$/.test(language) ? language : undefined;
}

export async function transcribeAudio(
  env: AppEnv,
  audio: { bytes: Buffer; mimeType: string },
  locale: string,
  signal?: AbortSignal,
): Promise<TranscriptionOutcome> {
  if (!env.OPENAI_API_KEY) return { kind: 'skipped', reason: 'no OpenAI key' };
  const format = transcriptionFormat(audio.mimeType);
  if (!format) return { kind: 'skipped', reason: `format ${audio.mimeType.slice(0, 60)} not accepted` };
  if (audio.bytes.length > maxTranscriptionBytes) return { kind: 'skipped', reason: 'file over 25 MiB' };
  const form = new FormData();
  form.append(
    'file',
    new Blob([new Uint8Array(audio.bytes)], { type: format.type }),
    `voice.${format.extension}`,
  );
  form.append('model', env.OPENAI_TRANSCRIPTION_MODEL);
  const language = languageOf(locale);
  if (language) form.append('language', language);
  form.append('response_format', 'json');
  const signals = [AbortSignal.timeout(timeoutMs), ...(signal ? [signal] : [])];
  let response: Response;
  try {
    response = await fetch(`${env.OPENAI_BASE_URL.replace(/\/+$/, '')}/audio/transcriptions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${env.OPENAI_API_KEY}` },
      body: form,
      signal: AbortSignal.any(signals),
    });
  } catch (error) {
    return { kind: 'retry', reason: `network: ${error instanceof Error ? error.name : 'error'}` };
  }
  if (response.status === 408 || response.status === 429 || response.status >= 500) {
    const seconds = Number(response.headers.get('retry-after'));
    return {
      kind: 'retry',
      reason: `HTTP ${response.status}`,
      retryAfterMs: Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined,
    };
  }
  const body = (await response.json().catch(() => null)) as {
    text?: unknown;
    error?: { message?: unknown };
  } | null;
  if (!response.ok) {
    const message = typeof body?.error?.message === 'string' ? body.error.message.slice(0, 200) : '';
    return { kind: 'failed', reason: `HTTP ${response.status}${message ? `: ${message}` : ''}` };
  }
  const text = typeof body?.text === 'string' ? body.text.trim() : '';
  return text ? { kind: 'done', text } : { kind: 'skipped', reason: 'empty transcript' };
}

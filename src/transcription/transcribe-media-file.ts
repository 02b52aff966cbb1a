import type { DbPort } from '@/src/db/rpc-port';
import type { AppEnv } from '@/src/env';
import { mediaStorageFor } from '@/src/media/media-storage';
import { log } from '@/src/shared/logger';
import { transcribeAudio } from './openai-transcription';

// One stored voice note → its transcript, recorded on media_files and on the message (one SQL
// call). Used by the transcribe_media job and, when the transcript is still missing, by the AI
// job itself. Idempotent: a file already transcribed is not sent again, and when two callers
// race, ai_record_transcript keeps the first transcript.

export type TranscribeResult =
  | { kind: 'done'; transcript: string }
  | { kind: 'failed' | 'skipped'; reason: string }
  /** Nothing to do here: no key, no such file, not a stored inbound audio, or already done. */
  | { kind: 'not_applicable'; reason: string; transcript?: string }
  | { kind: 'retry'; reason: string; retryAfterMs?: number };

export async function transcribeMediaFile(
  db: DbPort,
  env: AppEnv,
  fileId: string,
  options: { tenantId: string; final?: boolean; signal?: AbortSignal },
): Promise<TranscribeResult> {
  if (!env.OPENAI_API_KEY) return { kind: 'not_applicable', reason: 'no_key' };
  const file = await db.rpc('ai_media_file', { p_file_id: fileId });
  if (!file || file.tenant_id !== options.tenantId) return { kind: 'not_applicable', reason: 'file_missing' };
  if (file.kind !== 'audio' || file.direction !== 'inbound')
    return { kind: 'not_applicable', reason: 'not_inbound_audio' };
  if (file.transcript_status === 'done') return { kind: 'not_applicable', reason: 'already_done' };
  if (file.status !== 'stored' || !file.storage_path)
    return { kind: 'not_applicable', reason: `file_${file.status}` };
  const stored = await mediaStorageFor(env).get(file.storage_path);
  if (!stored) return { kind: 'not_applicable', reason: 'bytes_missing' };
  const outcome = await transcribeAudio(
    env,
    { bytes: stored.bytes, mimeType: file.mime_type ?? stored.mimeType },
    file.locale,
    options.signal,
  );
  const fields = { tenantId: file.tenant_id, mediaFileId: file.id, outcome: outcome.kind };
  if (outcome.kind === 'retry' && !options.final) {
    log.warn('transcription.retry', { ...fields, reason: outcome.reason });
    return outcome;
  }
  const status = outcome.kind === 'done' ? 'done' : outcome.kind === 'skipped' ? 'skipped' : 'failed';
  const recorded = await db.rpc('ai_record_transcript', {
    p_file_id: file.id,
    p_status: status,
    p_transcript: outcome.kind === 'done' ? outcome.text : null,
  });
  if (recorded.transcript_status === 'done' && recorded.transcript) {
    log.info('transcription.done', { ...fields, characters: recorded.transcript.length });
    return { kind: 'done', transcript: recorded.transcript };
  }
  const reason = 'reason' in outcome ? outcome.reason : 'not recorded';
  log.warn('transcription.not_done', { ...fields, reason });
  return { kind: status === 'skipped' ? 'skipped' : 'failed', reason };
}

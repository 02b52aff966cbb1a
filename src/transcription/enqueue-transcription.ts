import type { DbPort } from '@/src/db/rpc-port';

// For whoever stores an inbound audio file (the fetch_media job): one call enqueues its
// transcription (one pending job per file; files that are not stored inbound audio, or already
// transcribed, are left alone). From SQL, the same is `public.ai_enqueue_transcription(id)`.
export async function enqueueTranscription(db: DbPort, mediaFileId: string): Promise<boolean> {
  const result = await db.rpc('ai_enqueue_transcription', { p_file_id: mediaFileId });
  return result.enqueued;
}

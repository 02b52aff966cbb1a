import { z } from 'zod';
import { transcribeMediaFile } from '@/src/transcription/transcribe-media-file';
import { type JobHandler, RetryableJobError } from '../job-types';

// transcribe_media ({"media_file_id"}, dedupe 'transcribe_media:'||id, enqueued by
// ai_enqueue_transcription once an inbound audio file is stored): the voice note's transcript
// from OpenAI, kept on the file and its message. Temporary failures retry; the last attempt
// records the file as failed so the AI and staff stop waiting for it.

const payloadSchema = z.object({ media_file_id: z.uuid() });

export const transcribeMediaHandler: JobHandler<typeof payloadSchema> = {
  type: 'transcribe_media',
  payloadSchema,
  async run(payload, { job, db, env, signal }) {
    const result = await transcribeMediaFile(db, env, payload.media_file_id, {
      tenantId: job.tenant_id ?? '',
      final: job.attempts >= job.max_attempts,
      signal,
    });
    if (result.kind === 'retry')
      throw new RetryableJobError(`transcription: ${result.reason}`, result.retryAfterMs);
    if (result.kind === 'not_applicable') return { kind: 'complete', result: { skipped: result.reason } };
    return { kind: 'complete', result: { transcript_status: result.kind === 'done' ? 'done' : result.kind } };
  },
};

import { z } from 'zod';
import type { AppEnv } from '@/src/env';
import { fetchMediaSource } from '@/src/media/fetch-media-source';
import type { MediaFetchResult } from '@/src/media/media-fetch-result';
import { reasons } from '@/src/media/media-fetch-result';
import { loadMediaFetchContext, type MediaFetchEnd, recordMediaFetch } from '@/src/media/media-file-store';
import { baseMimeType, isAllowedType, typeRefusedReason } from '@/src/media/media-limits';
import { mediaPath, mediaStorageFor } from '@/src/media/media-storage';
import { filenameFromUrl } from '@/src/media/meta-attachment-source';
import { matchesSha256, sha256Hex } from '@/src/media/verify-sha256';
import { log } from '@/src/shared/logger';
import { enqueueTranscription } from '@/src/transcription/enqueue-transcription';
import { type JobHandler, PermanentJobError, RetryableJobError } from '../job-types';

// fetch_media ({"media_file_id"}, dedupe 'fetch_media:'||id): downloads a file a customer sent
// (enqueued with its media_files row when the message was ingested), checks its type, size and
// checksum, stores it and records the end. Temporary failures retry with the queue's backoff;
// on the last attempt the file is marked unavailable with the reason, so the thread never shows
// "Cargando archivo…" forever. A file that already has an end is left alone.

const payloadSchema = z.object({ media_file_id: z.uuid() });

type Context = Extract<Awaited<ReturnType<typeof loadMediaFetchContext>>, { found: true }>;

async function storeDownloaded(
  context: Context,
  env: AppEnv,
  download: Extract<MediaFetchResult, { kind: 'downloaded' }>,
): Promise<MediaFetchEnd> {
  const { file } = context;
  const mimeType = baseMimeType(download.mimeType) ?? baseMimeType(file.mime_type);
  if (!isAllowedType(file.kind, mimeType)) {
    return {
      status: 'refused',
      reason: typeRefusedReason(mimeType),
      mimeType,
      byteSize: download.bytes.length,
    };
  }
  const expected = download.expectedSha256 ?? file.sha256;
  if (expected && !matchesSha256(download.bytes, expected)) {
    return { status: 'unavailable', reason: reasons.damaged };
  }
  const storagePath = mediaPath(file.tenant_id, file.id);
  await mediaStorageFor(env).put(storagePath, download.bytes, mimeType!);
  return {
    status: 'stored',
    storagePath,
    mimeType: mimeType!,
    byteSize: download.bytes.length,
    sha256: sha256Hex(download.bytes),
    filename: file.filename ?? (file.source_url ? filenameFromUrl(file.source_url) : null),
  };
}

export const fetchMediaHandler: JobHandler<typeof payloadSchema> = {
  type: 'fetch_media',
  payloadSchema,
  async run(payload, { job, db, env, signal }) {
    const context = await loadMediaFetchContext(db, payload.media_file_id);
    if (!context.found) return { kind: 'complete', result: { skipped: 'file_missing' } };
    const { file } = context;
    if (file.tenant_id !== job.tenant_id) throw new PermanentJobError('job and file tenants differ');
    if (file.status !== 'pending') return { kind: 'complete', result: { skipped: `already_${file.status}` } };
    const fields = {
      tenantId: file.tenant_id,
      fileId: file.id,
      channel: context.message.channel,
      kind: file.kind,
    };

    const result = await fetchMediaSource(context, env, signal);
    let end: MediaFetchEnd;
    switch (result.kind) {
      case 'downloaded':
        end = await storeDownloaded(context, env, result);
        break;
      case 'retry':
        if (job.attempts < job.max_attempts) throw new RetryableJobError(result.detail, result.retryAfterMs);
        end = { status: 'unavailable', reason: result.reason };
        break;
      case 'refused':
        end = {
          status: 'refused',
          reason: result.reason,
          byteSize: result.byteSize,
          mimeType: result.mimeType,
        };
        break;
      case 'unavailable':
        end = { status: 'unavailable', reason: result.reason };
        break;
    }
    const recorded = await recordMediaFetch(db, file.id, job.attempts, end);
    // A stored voice note is written down now, so staff read it even when the AI is off (the AI
    // job also transcribes on demand, so a crash right here loses nothing but time).
    if (end.status === 'stored' && file.kind === 'audio' && env.OPENAI_API_KEY) {
      await enqueueTranscription(db, file.id);
    }
    log.info(`media.${end.status}`, { ...fields, bytes: end.status === 'stored' ? end.byteSize : undefined });
    return { kind: 'complete', result: { status: recorded.status, updated: recorded.updated } };
  },
};

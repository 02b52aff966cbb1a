import type { Messages } from '@/src/i18n/messages-es';
import type { MessageFile } from '@/src/media/load-message-files';
import { megabytesText } from '@/src/media/media-limits';

// The files of one message: images as thumbnails (a tap opens the full size), audio and video
// with the browser's own player, documents as a link with name and size; a file still being
// fetched, unavailable or refused says so in words.

function fileUrl(tenantSlug: string, fileId: string): string {
  return `/api/t/${encodeURIComponent(tenantSlug)}/media/${fileId}`;
}

function StoredFile({ file, tenantSlug, t }: { file: MessageFile; tenantSlug: string; t: Messages }) {
  const m = t.mediaIn;
  const url = fileUrl(tenantSlug, file.id);
  switch (file.kind) {
    case 'image':
    case 'sticker':
      return (
        <a href={url} target="_blank" rel="noopener" title={m.openFull} className="inline-block">
          {/* biome-ignore lint/performance/noImgElement: a private, authenticated file; next/image would fetch it without the session */}
          <img
            src={url}
            alt={m.imageAlt(file.kind === 'image' ? m.image : m.sticker)}
            loading="lazy"
            className={`rounded-lg object-cover ring-1 ring-slate-200 ${file.kind === 'sticker' ? 'h-24 w-24' : 'max-h-48 w-auto max-w-full'}`}
            data-testid="media-image"
          />
        </a>
      );
    case 'audio':
      return (
        // biome-ignore lint/a11y/useMediaCaption: a customer's voice note has no captions; the transcript is shown when there is one
        <audio controls preload="none" src={url} className="w-full max-w-xs" data-testid="media-audio">
          {m.noAudio}
        </audio>
      );
    case 'video':
      return (
        // biome-ignore lint/a11y/useMediaCaption: a customer's video has no captions
        <video
          controls
          preload="metadata"
          src={url}
          className="max-h-64 w-full max-w-xs rounded-lg"
          data-testid="media-video"
        >
          {m.noVideo}
        </video>
      );
    case 'document':
      return (
        <a
          href={url}
          download={file.filename ?? true}
          className="inline-flex max-w-full items-center gap-2 rounded-lg bg-slate-50 px-3 py-2 text-sm text-teal-800 underline ring-1 ring-slate-200"
          data-testid="media-document"
        >
          <svg aria-hidden="true" viewBox="0 0 16 16" className="h-4 w-4 shrink-0 fill-none stroke-current">
            <path d="M4 1.5h5l3.5 3.5v9.5h-8.5z M9 1.5v3.5h3.5" strokeWidth="1.2" strokeLinejoin="round" />
          </svg>
          <span className="truncate">{file.filename ?? m.document}</span>
          {file.byte_size !== null && (
            <span className="shrink-0 text-xs text-slate-600 no-underline">
              {m.size(megabytesText(file.byte_size))}
            </span>
          )}
        </a>
      );
  }
}

export function MessageFiles({
  files,
  tenantSlug,
  t,
}: {
  files: readonly MessageFile[] | undefined;
  tenantSlug: string;
  t: Messages;
}) {
  if (!files || files.length === 0) return null;
  const m = t.mediaIn;
  return (
    <ul className="mt-2 space-y-2" data-testid="message-files">
      {files.map((file) => (
        <li key={file.id} data-status={file.status}>
          {file.status === 'stored' ? (
            <StoredFile file={file} tenantSlug={tenantSlug} t={t} />
          ) : file.status === 'pending' ? (
            <p className="text-xs text-slate-600" role="status">
              {m.loading}
            </p>
          ) : (
            <p
              className="rounded-md bg-amber-50 px-2 py-1 text-xs text-amber-900 ring-1 ring-amber-200"
              role="note"
            >
              {file.status === 'refused' ? file.failure_reason : m.unavailable(file.failure_reason ?? '—')}
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}

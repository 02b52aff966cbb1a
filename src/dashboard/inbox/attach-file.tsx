'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useId, useRef, useState } from 'react';
import { mediaSendEn } from '@/src/i18n/media-send-en';
import { type MediaSendMessages, mediaSendEs } from '@/src/i18n/media-send-es';
import { ui } from '@/src/ui/styles';
import { type AttachLimits, formatFileSize, formatMegabytes } from './attach-limits';

// The reply box's "attach a photo or document": pick one file, optionally a caption (WhatsApp),
// then upload with a progress bar (XMLHttpRequest: fetch cannot report upload progress). The
// server decides what the file is and whether it may be sent; this only spares a slow upload of
// a file that is obviously too big.

type Status =
  | { kind: 'idle' }
  | { kind: 'uploading'; percent: number }
  | { kind: 'done'; text: string }
  | { kind: 'error'; text: string };

function errorText(xhr: XMLHttpRequest, texts: MediaSendMessages, limit: string): string {
  if (xhr.status === 413) return texts.tooBig(limit);
  try {
    const body = JSON.parse(xhr.responseText) as { error?: { message?: string; reason?: string } };
    const reason = body.error?.reason;
    return (reason && texts.reasons[reason]) || body.error?.message || texts.failed;
  } catch {
    return texts.failed;
  }
}

export function AttachFile({
  tenantSlug,
  conversationId,
  channel,
  channelName,
  limits,
  language,
}: {
  tenantSlug: string;
  conversationId: string;
  channel: string;
  channelName: string;
  limits: AttachLimits;
  /** The texts are picked here: functions (the texts with numbers) cannot cross to the browser. */
  language: 'es' | 'en';
}) {
  const texts: MediaSendMessages = language === 'en' ? mediaSendEn : mediaSendEs;
  const router = useRouter();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [caption, setCaption] = useState('');
  const [status, setStatus] = useState<Status>({ kind: 'idle' });

  useEffect(() => {
    if (!file?.type.startsWith('image/')) return setPreview(null);
    const url = URL.createObjectURL(file);
    setPreview(url);
    return () => URL.revokeObjectURL(url);
  }, [file]);

  if (!limits) {
    return (
      <details className="mt-2 text-sm" data-testid="attach-file">
        <summary className={`${ui.link} cursor-pointer`}>{texts.attach}</summary>
        <p className="mt-2 text-slate-700">{texts.tiktok}</p>
      </details>
    );
  }
  const largest = Math.max(limits.imageBytes, limits.documentBytes);

  function clear() {
    setFile(null);
    setCaption('');
    if (input.current) input.current.value = '';
  }

  function choose(chosen: File | null) {
    setStatus({ kind: 'idle' });
    if (chosen && chosen.size > largest) {
      setStatus({ kind: 'error', text: texts.tooBig(formatMegabytes(largest)) });
      if (input.current) input.current.value = '';
      return setFile(null);
    }
    setFile(chosen);
  }

  function send() {
    if (!file) return setStatus({ kind: 'error', text: texts.noFile });
    const data = new FormData();
    data.set('file', file);
    if (limits?.caption && caption.trim()) data.set('caption', caption);
    const xhr = new XMLHttpRequest();
    xhr.open(
      'POST',
      `/api/t/${encodeURIComponent(tenantSlug)}/conversations/${encodeURIComponent(conversationId)}/media`,
    );
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) {
        setStatus({
          kind: 'uploading',
          percent: Math.min(99, Math.round((event.loaded / event.total) * 100)),
        });
      }
    };
    xhr.onload = () => {
      if (xhr.status === 201) {
        setStatus({ kind: 'done', text: texts.queued });
        clear();
        router.refresh();
      } else {
        setStatus({ kind: 'error', text: errorText(xhr, texts, formatMegabytes(largest)) });
      }
    };
    xhr.onerror = () => setStatus({ kind: 'error', text: texts.failed });
    setStatus({ kind: 'uploading', percent: 0 });
    xhr.send(data);
  }

  const uploading = status.kind === 'uploading';
  return (
    <details className="mt-2 text-sm" data-testid="attach-file">
      <summary className={`${ui.link} cursor-pointer`}>{texts.attach}</summary>
      <div className={`${ui.card} mt-2 space-y-2 p-3 sm:p-4`}>
        <p className={ui.help}>
          {texts.allowed(channelName, formatMegabytes(limits.imageBytes), texts.documentKinds[channel] ?? '')}
        </p>
        <label htmlFor={`${id}-file`} className={ui.label}>
          {texts.chooseFile}
        </label>
        <input
          ref={input}
          id={`${id}-file`}
          type="file"
          accept={limits.accept}
          disabled={uploading}
          onChange={(event) => choose(event.target.files?.[0] ?? null)}
          className="block w-full text-sm text-slate-800 file:mr-3 file:rounded-lg file:border-0 file:bg-slate-200 file:px-3 file:py-2 file:text-sm file:font-medium"
          data-testid="attach-input"
        />
        {file && (
          <div className="flex items-center gap-3" data-testid="attach-chosen">
            {preview ? (
              // biome-ignore lint/performance/noImgElement: a local preview (blob URL), nothing to optimise
              <img
                src={preview}
                alt=""
                className="h-16 w-16 rounded-lg object-cover"
                onError={() => setPreview(null)}
              />
            ) : null}
            <span className="min-w-0 truncate text-slate-800">
              {file.name} · {formatFileSize(file.size)}
            </span>
          </div>
        )}
        {limits.caption ? (
          <div>
            <label htmlFor={`${id}-caption`} className={ui.label}>
              {texts.captionLabel}
            </label>
            <input
              id={`${id}-caption`}
              className={ui.input}
              value={caption}
              maxLength={1024}
              disabled={uploading}
              placeholder={texts.captionPlaceholder}
              onChange={(event) => setCaption(event.target.value)}
              data-testid="attach-caption"
            />
          </div>
        ) : (
          <p className={ui.help}>{texts.noCaption}</p>
        )}
        {uploading && (
          <div
            role="progressbar"
            aria-valuenow={status.percent}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-label={texts.uploading(status.percent)}
          >
            <p className="text-slate-700">{texts.uploading(status.percent)}</p>
            <div className="mt-1 h-2 rounded bg-slate-200">
              <div className="h-2 rounded bg-teal-700" style={{ width: `${status.percent}%` }} />
            </div>
          </div>
        )}
        {status.kind === 'done' && (
          <p role="status" className="text-teal-800" data-testid="attach-status">
            {status.text}
          </p>
        )}
        {status.kind === 'error' && (
          <p role="alert" className="text-rose-800" data-testid="attach-error">
            {status.text}
          </p>
        )}
        <div className="flex flex-wrap gap-2">
          <button
            type="button"
            className={ui.button}
            disabled={!file || uploading}
            onClick={send}
            data-testid="attach-send"
          >
            {texts.send}
          </button>
          {file && !uploading && (
            <button type="button" className={ui.buttonSecondary} onClick={clear}>
              {texts.cancel}
            </button>
          )}
        </div>
      </div>
    </details>
  );
}

import type { ReactNode } from 'react';
import type { Messages } from '@/src/i18n/messages-es';
import { Badge } from '@/src/ui/badge';
import { formatDateTime } from '@/src/ui/format-date';
import { deliveryErrorKey } from './delivery-error-text';
import type { ThreadMessage } from './load-thread';
import { VoiceNoteTranscript } from './voice-note-transcript';

function mediaSummary(media: Record<string, unknown> | null): string | null {
  if (!media) return null;
  const parts = ['mime_type', 'filename', 'caption']
    .map((key) => media[key])
    .filter((value): value is string => typeof value === 'string' && value.length > 0);
  return parts.length > 0 ? parts.join(' · ') : null;
}

// One message: who, what, when, how it went (delivery status, error), and whether the AI answer
// came from Claude or from the offline responder.
export function MessageBubble({
  message,
  t,
  timezone,
  files,
}: {
  message: ThreadMessage;
  t: Messages;
  timezone: string;
  /** The message's files (MessageFiles), shown instead of the raw media summary. */
  files?: ReactNode;
}) {
  const i = t.inbox;
  const inbound = message.direction === 'inbound';
  const media = mediaSummary(message.media);
  // Template error texts live with the templates (src/i18n/templates-*.ts).
  const errorTexts = { ...i.deliveryErrors, ...t.templates.deliveryErrors };
  const errorKey = deliveryErrorKey(message.error_code, errorTexts);
  return (
    <li
      className={`flex ${inbound ? 'justify-start' : 'justify-end'}`}
      data-testid="message"
      data-sender={message.sender}
    >
      <div
        className={`max-w-[85%] rounded-2xl px-4 py-2 text-sm shadow-sm ${
          inbound
            ? 'rounded-bl-sm bg-white ring-1 ring-slate-200'
            : message.sender === 'human'
              ? 'rounded-br-sm bg-amber-50 ring-1 ring-amber-200'
              : 'rounded-br-sm bg-teal-50 ring-1 ring-teal-200'
        }`}
      >
        <div className="mb-1 flex flex-wrap items-center gap-2 text-xs text-slate-600">
          <span className="font-semibold text-slate-800">{t.sender[message.sender]}</span>
          {message.sent_by_email && <span>{i.sentBy(message.sent_by_email)}</span>}
          {message.generated_by === 'offline' && (
            <Badge tone="warn" title={i.offlineTitle}>
              {i.offlineMark}
            </Badge>
          )}
          {message.generated_by === 'claude' && <Badge tone="info">{i.claudeMark}</Badge>}
          {/* 'openai' since issue 17 §3 (the SQL result type still names the older two). */}
          {(message.generated_by as string | null) === 'openai' && (
            <Badge tone="info">{t.aiProvider.openaiMark}</Badge>
          )}
          <time dateTime={message.created_at}>{formatDateTime(message.created_at, t.locale, timezone)}</time>
        </div>
        <p className="whitespace-pre-wrap break-words text-slate-900">
          {message.text ?? i.noText(message.message_type)}
        </p>
        <VoiceNoteTranscript media={message.media} t={t} />
        {message.ai_tool_calls && message.ai_tool_calls.length > 0 && (
          <p className="mt-1 text-xs text-slate-600" data-testid="tool-calls">
            {i.toolCalls}: {message.ai_tool_calls.map((call) => `${call.name} → ${call.outcome}`).join(' · ')}
          </p>
        )}
        {files}
        {media && !files && (
          <p className="mt-1 text-xs text-slate-600">
            {i.media}: {media}
          </p>
        )}
        {!inbound && (
          <p className="mt-1 text-right text-xs">
            <Badge tone={message.delivery_status === 'failed' ? 'bad' : 'neutral'}>
              {t.deliveryStatus[message.delivery_status] ?? message.delivery_status}
            </Badge>
          </p>
        )}
        {message.error_code || message.error_message ? (
          <div className="mt-1 text-xs text-rose-800" role="note">
            {errorKey ? (
              <>
                <p>{errorTexts[errorKey]}</p>
                <p className="mt-0.5 text-slate-600">
                  {i.errorDetail(message.error_code ?? '?', message.error_message ?? '')}
                </p>
              </>
            ) : (
              <p>{i.error(message.error_code ?? '?', message.error_message ?? '')}</p>
            )}
          </div>
        ) : null}
      </div>
    </li>
  );
}

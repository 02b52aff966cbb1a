import type { Channel } from '@/src/channels/channel-registry';
import { outboundMediaRules } from '@/src/media/outbound-media-rules';

// What the reply box's attach panel tells staff and checks before uploading (the server checks
// again by the file's first bytes): plain data, so the client bundle needs no rules code.

export type AttachLimits = {
  imageBytes: number;
  documentBytes: number;
  caption: boolean;
  /** The file picker's filter (extensions, since browsers report Office types unevenly). */
  accept: string;
} | null;

export function attachLimits(channel: Channel): AttachLimits {
  const rules = outboundMediaRules(channel);
  if (!rules) return null;
  const documents = rules.document.types.includes('application/msword')
    ? '.pdf,.doc,.docx,.xls,.xlsx,.txt'
    : '.pdf';
  return {
    imageBytes: rules.image.maxBytes,
    documentBytes: rules.document.maxBytes,
    caption: rules.caption,
    accept: `.jpg,.jpeg,.png,image/jpeg,image/png,${documents}`,
  };
}

export function formatMegabytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}

export function formatFileSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

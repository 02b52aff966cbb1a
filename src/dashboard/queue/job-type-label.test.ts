import { describe, expect, it } from 'vitest';
import { messagesEn } from '@/src/i18n/messages-en';
import { messagesEs } from '@/src/i18n/messages-es';
import { defaultHandlers } from '@/src/jobs/default-handlers';
import { jobTypeLabel } from './job-type-label';

describe('jobTypeLabel', () => {
  it('names every job the processor runs in both languages, never by its internal name', () => {
    for (const { type: jobType } of defaultHandlers) {
      for (const t of [messagesEs, messagesEn]) {
        const label = jobTypeLabel(t, jobType);
        expect(label, jobType).not.toBe(jobType);
        expect(label, jobType).not.toMatch(/_/);
      }
    }
    expect(jobTypeLabel(messagesEs, 'send_whatsapp')).toBe('Enviar mensajes por WhatsApp');
    expect(jobTypeLabel(messagesEs, 'send_facebook')).toBe('Enviar mensajes por Messenger');
  });

  it('shows an unknown type as it is', () => {
    expect(jobTypeLabel(messagesEs, 'future_job')).toBe('future_job');
  });
});

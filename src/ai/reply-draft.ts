import type { ChoicesContent } from '@/src/channels/outbound-content';
import type { AiUsage } from './ai-usage';
import type { ToolCallRecord } from './appointment-tools';
import type { LeadSignal } from './lead-signals';

// A reply ready to record: who produced it and what it changes (score, escalation).
export type ReplyDraft = {
  text: string;
  sender: 'ai' | 'system';
  /** 'claude', 'openai' or 'offline' for AI text; null for the configured hand-off/fallback message. */
  generatedBy: 'claude' | 'openai' | 'offline' | null;
  signals: LeadSignal[];
  intent: string;
  escalate: boolean;
  escalationReason: string | null;
  /** The appointment tools called for this reply, recorded on the message for staff. */
  toolCalls?: ToolCallRecord[];
  /** Buttons or a list, already fitted to the channel; `text` is then the readable version. */
  content?: ChoicesContent | null;
  /** What the model's calls for this reply cost (none for rule, offline and fallback answers). */
  usage?: AiUsage;
};

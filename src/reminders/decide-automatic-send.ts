import { type Channel, channelAdapter } from '@/src/channels/channel-registry';
import type { OutboundContent } from '@/src/channels/outbound-content';
import { decideReplyWindow } from '@/src/channels/reply-window';
import type { AppEnv } from '@/src/env';
import { buildTemplateContent, type StoredTemplate } from './template-content';

// Whether an automatic message (reminder, thank-you, follow-up) may go now, and as what: a
// session message inside the channel's reply window (its own policy, as for every system
// message), else an approved WhatsApp template. Messenger and Instagram get nothing outside
// the window: Meta answers error 100 to the CONFIRMED_EVENT_UPDATE, ACCOUNT_UPDATE and
// POST_PURCHASE_UPDATE tags since 2026-04-27, and HUMAN_AGENT is for people, not automation
// (PLATFORMS.md 3.4). The outcome is what the record functions take.

export type AutomaticSendFacts = {
  conversation: { id: string; channel: Channel; last_inbound_at: string | null } | null;
  connection: { status: string } | null;
  replies_last_24h: number;
  templates_apply: boolean | null;
  template: StoredTemplate | null;
};

export type SendOutcome =
  | { send: { conversation_id: string; text: string; content: OutboundContent | null } }
  | { not_sent: string };

type Message = { text: string; content: OutboundContent | null };

type TemplateValues = {
  named: Record<string, string>;
  positional: string[];
  appointmentId: string | null;
};

export function decideAutomaticSend(
  facts: AutomaticSendFacts,
  message: Message,
  templateValues: TemplateValues | null,
  now: Date,
  env: AppEnv,
): SendOutcome {
  const conversation = facts.conversation;
  if (!conversation) return { not_sent: 'no_conversation' };
  if (!facts.connection) return { not_sent: 'no_connection' };
  if (facts.connection.status !== 'connected') return { not_sent: `connection_${facts.connection.status}` };
  const window = decideReplyWindow(channelAdapter(conversation.channel).replyWindow, {
    sender: 'system',
    lastInboundAt: conversation.last_inbound_at ? new Date(conversation.last_inbound_at) : null,
    now,
    repliesLast24h: facts.replies_last_24h,
    settings: env,
  });
  if (window.ok) return { send: { conversation_id: conversation.id, ...message } };
  if (!facts.templates_apply) return { not_sent: window.code };
  if (!facts.template || !templateValues) return { not_sent: 'outside_window_no_template' };
  const filled = buildTemplateContent(
    facts.template,
    templateValues.named,
    templateValues.positional,
    templateValues.appointmentId,
  );
  if (!filled) return { not_sent: 'template_unusable' };
  return { send: { conversation_id: conversation.id, text: filled.text, content: filled.content } };
}

// What every channel's normaliser produces and public.ingest_webhook consumes (snake_case:
// these objects go to SQL as they are).

type InboundContact = {
  /** The lead identity: wa_id (or BSUID), PSID, IGSID, TikTok user id. */
  external_id: string;
  name?: string;
  /** E.164 with '+', WhatsApp only. */
  phone?: string;
  username?: string;
  /** Other ids of the same person on this channel (WhatsApp: the BSUID next to the wa_id). */
  alias_ids?: string[];
  /** The person's new id after a number change (WhatsApp user_changed_number): same lead. */
  changed_to?: { external_id: string; phone?: string };
};

export type MessageEvent = {
  kind: 'message';
  platform_message_id: string;
  direction: 'inbound' | 'outbound';
  /** 'human' for echoes of what staff sent from the platform's own apps. */
  sender: 'lead' | 'human' | 'system';
  contact: InboundContact;
  message_type: string;
  /** A readable line for the inbox and the AI, never empty for a stored kind. */
  text: string | null;
  media: Record<string, unknown> | null;
  reply_to_platform_message_id: string | null;
  platform_timestamp: string | null;
  /** Where replies go when it is not the contact id (TikTok conversation_id). */
  external_thread_id: string | null;
  /** Echo of our own send: the uuid from "inbox:<uuid>" metadata. */
  own_message_id: string | null;
  /** False for kinds the AI should not answer (reactions, system notices, standby threads). */
  answerable: boolean;
  raw: unknown;
};

type PlatformStatus = 'sent' | 'delivered' | 'read' | 'played' | 'failed' | 'deleted';

export type StatusEvent = {
  kind: 'status';
  platform_message_id: string;
  status: PlatformStatus;
  status_at: string | null;
  error_code: string | null;
  error_message: string | null;
  /** Our message the status is about, from the send's "inbox:<uuid>" marker (WhatsApp). */
  own_message_id?: string | null;
};

/** "Everything sent before this instant was delivered/read" (Messenger, TikTok). */
type WatermarkEvent = {
  kind: 'watermark';
  status: 'delivered' | 'read';
  watermark: string;
  contact_external_id?: string;
  external_thread_id?: string;
};

/**
 * A message was edited (WhatsApp `edit`, Messenger/Instagram `message_edit`, Coexistence echo
 * edits): the stored message takes the new text and keeps every earlier one in its history.
 */
export type EditEvent = {
  kind: 'edit';
  /** The edited message. */
  platform_message_id: string;
  /** Stable for this edit across redeliveries (the edit's own id, or its number). */
  edit_id: string;
  /** Who wrote the edited message: a customer's edit never touches the business's messages. */
  direction: 'inbound' | 'outbound';
  text: string;
  media: Record<string, unknown> | null;
  edited_at: string | null;
  /** Orders edits that arrive out of order when the platform numbers them (num_edit). */
  edit_seq: number | null;
  raw: unknown;
};

/** A WhatsApp number's quality rating or messaging limit changed (null: not said). */
export type ConnectionQualityEvent = {
  kind: 'connection_quality';
  quality_rating: string | null;
  messaging_limit: string | null;
  /** Which of the account's numbers it is about, digits only, when the platform says. */
  display_phone_number: string | null;
  at: string | null;
};

/** Meta blocked (or unblocked) the Page's messaging for a policy violation. */
export type PolicyEnforcementEvent = {
  kind: 'policy_enforcement';
  action: 'block' | 'unblock';
  reason: string | null;
  at: string | null;
};

/**
 * A WhatsApp message template changed (status, quality or category webhook), named by Meta's id
 * and its name + language. Null: the webhook did not say.
 */
export type TemplateUpdateEvent = {
  kind: 'template_update';
  template_id: string | null;
  name: string | null;
  language: string | null;
  /** Our lowercase status (whatsapp_templates.status). */
  status: string | null;
  /** Why it was rejected, in Meta's words (reason code and rejection_info). */
  reason: string | null;
  /** Meta's words about a pause, disable or lock (disable_info, other_info). */
  status_note: string | null;
  quality_score: string | null;
  category: string | null;
  at: string | null;
};

export type InboundEvent =
  | MessageEvent
  | TemplateUpdateEvent
  | StatusEvent
  | WatermarkEvent
  | EditEvent
  | ConnectionQualityEvent
  | PolicyEnforcementEvent;

/**
 * An event with the platform account it was addressed to, which routes it to a tenant:
 * the channel's primary id (phone_number_id, page id, Instagram account id, TikTok business
 * id), or with `account_id_kind: 'business_account'` the WhatsApp Business Account id.
 */
export type RoutedEvent = InboundEvent & {
  account_id: string;
  account_id_kind?: 'business_account';
};

export type NormalisedDelivery = {
  /** Each event names its account; ingest keeps the tenant's own and counts the others. */
  events: RoutedEvent[];
  /** Kinds we do not store (account updates, comments, pings), for the summary and the log. */
  ignored: string[];
};

export type ChannelNormaliser = (body: unknown) => NormalisedDelivery;

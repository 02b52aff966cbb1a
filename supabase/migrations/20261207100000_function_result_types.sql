-- The shape of each jsonb result, as TypeScript, read by `npm run db:types` (scripts/db-types.ts):
-- the catalog knows a function returns jsonb, not what is inside. Each shape is what the function
-- builds (jsonb_build_object keys, check-constrained columns as unions; timestamps arrive as ISO
-- strings, numbers as numbers). A function changing its result changes its comment here.

comment on function public.admin_add_staff_member(text, text, text) is
  '@returns { tenant_id: string; user_id: string; email: string; role: ''owner'' | ''admin'' | ''agent'' }';

comment on function public.admin_create_tenant(text, text, text) is
  '@returns { id: string; slug: string; name: string; timezone: string }';

comment on function public.admin_get_ai_context(text) is
  '@returns { system_prompt: string; business_hours: { timezone?: string; weekly?: { [day: string]: [string, string][] | undefined }; notes?: string }; response_style: string; temperature: number; max_tokens: number; model: string | null; escalation_keywords: string[]; auto_escalate_after_messages: number | null; fallback_message: string; knowledge: { services: { name: string; price?: string; duration?: string; description?: string }[]; faqs: { question: string; answer: string }[] }; updated_at: string } | null';

comment on function public.admin_get_tenant(text) is
  '@returns { id: string; slug: string; name: string; timezone: string; locale: string }';

comment on function public.admin_list_channel_connections(text) is
  '@returns { id: string; tenant_id: string; channel: ''whatsapp'' | ''instagram'' | ''facebook'' | ''tiktok''; mode: ''live'' | ''sandbox''; status: ''connected'' | ''disconnected'' | ''needs_reauth'' | ''error''; ai_enabled: boolean; display_name: string | null; phone_number_id: string | null; business_account_id: string | null; display_phone_number: string | null; page_id: string | null; instagram_account_id: string | null; tiktok_business_id: string | null; access_token: string | null; webhook_secret: string | null; verify_token: string | null; last_error: string | null; last_webhook_at: string | null; updated_at: string }[]';

comment on function public.admin_update_ai_context(text, jsonb) is
  '@returns { system_prompt: string; business_hours: { timezone?: string; weekly?: { [day: string]: [string, string][] | undefined }; notes?: string }; response_style: string; temperature: number; max_tokens: number; model: string | null; escalation_keywords: string[]; auto_escalate_after_messages: number | null; fallback_message: string; knowledge: { services: { name: string; price?: string; duration?: string; description?: string }[]; faqs: { question: string; answer: string }[] }; updated_at: string }';

comment on function public.admin_upsert_branch(text, text, text, text) is
  '@returns { id: string; tenant_id: string; name: string; address: string | null; phone: string | null; created_at: string }';

comment on function public.admin_upsert_channel_connection(text, text, jsonb) is
  '@returns { id: string; tenant_id: string; channel: ''whatsapp'' | ''instagram'' | ''facebook'' | ''tiktok''; mode: ''live'' | ''sandbox''; status: ''connected'' | ''disconnected'' | ''needs_reauth'' | ''error''; ai_enabled: boolean; display_name: string | null; phone_number_id: string | null; business_account_id: string | null; display_phone_number: string | null; page_id: string | null; instagram_account_id: string | null; tiktok_business_id: string | null; access_token: string | null; webhook_secret: string | null; verify_token: string | null; last_error: string | null; last_webhook_at: string | null; updated_at: string }';

comment on function public.ai_load_context(uuid, integer) is
  '@returns { found: false } | { found: true; now: string; tenant: { id: string; name: string; timezone: string; locale: string }; ai: { system_prompt: string; business_hours: { timezone?: string; weekly?: { [day: string]: [string, string][] | undefined }; notes?: string }; response_style: string; temperature: number; max_tokens: number; model: string | null; escalation_keywords: string[]; auto_escalate_after_messages: number | null; fallback_message: string; knowledge: { services: { name: string; price?: string; duration?: string; description?: string }[]; faqs: { question: string; answer: string }[] } } | null; conversation: { id: string; channel: ''whatsapp'' | ''instagram'' | ''facebook'' | ''tiktok''; status: ''active'' | ''pending'' | ''resolved'' | ''closed''; handled_by: ''ai'' | ''human''; escalated_at: string | null; last_inbound_at: string | null }; lead: { id: string; name: string | null; score: number; classification: ''hot'' | ''warm'' | ''cold''; origin_channel: ''whatsapp'' | ''instagram'' | ''facebook'' | ''tiktok''; created_at: string }; connection: { mode: ''live'' | ''sandbox''; status: ''connected'' | ''disconnected'' | ''needs_reauth'' | ''error''; ai_enabled: boolean } | null; latest_inbound: { id: string; created_at: string } | null; answered: boolean; inbound_count: number; history: { id: string; direction: ''inbound'' | ''outbound''; sender: ''lead'' | ''ai'' | ''human'' | ''system''; message_type: string; text: string | null; created_at: string; deleted: boolean }[] }';

comment on function public.ai_record_reply(uuid, text, integer, uuid, uuid, jsonb) is
  '@returns { outcome: ''skipped'' | ''discarded''; reason: string } | { outcome: ''replied''; message_id: string; sender: ''ai'' | ''system''; generated_by: string | null; signals: string[]; score_before: number; score_after: number; classification: ''hot'' | ''warm'' | ''cold''; escalated: boolean; intent: string | null }';

comment on function public.claim_jobs(text, integer, integer, uuid, text[]) is
  '@returns { id: string; tenant_id: string | null; job_type: string; payload: Json; attempts: number; max_attempts: number; locked_by: string; locked_until: string; priority: number; scheduled_for: string }[]';

comment on function public.complete_job(uuid, text, integer, jsonb, jsonb) is
  '@returns { id: string; status: ''completed'' }';

comment on function public.dashboard_ai_settings(uuid) is
  '@returns { system_prompt: string; business_hours: { timezone?: string; weekly?: { [day: string]: [string, string][] | undefined }; notes?: string }; response_style: string; temperature: number; max_tokens: number; model: string | null; escalation_keywords: string[]; auto_escalate_after_messages: number | null; fallback_message: string; knowledge: { services: { name: string; price?: string; duration?: string; description?: string }[]; faqs: { question: string; answer: string }[] }; updated_at: string } | null';

comment on function public.dashboard_channels(uuid) is
  '@returns { connections: { id: string; tenant_id: string; channel: ''whatsapp'' | ''instagram'' | ''facebook'' | ''tiktok''; mode: ''live'' | ''sandbox''; status: ''connected'' | ''disconnected'' | ''needs_reauth'' | ''error''; ai_enabled: boolean; display_name: string | null; phone_number_id: string | null; business_account_id: string | null; display_phone_number: string | null; page_id: string | null; instagram_account_id: string | null; tiktok_business_id: string | null; access_token: string | null; webhook_secret: string | null; verify_token: string | null; last_error: string | null; last_webhook_at: string | null; updated_at: string }[]; deliveries: { id: string; channel: ''whatsapp'' | ''instagram'' | ''facebook'' | ''tiktok''; outcome: string; http_status: number; event_count: number; stored_count: number; detail: string | null; received_at: string }[] }';

comment on function public.dashboard_conversation(uuid, uuid) is
  '@returns { conversation: { id: string; lead_id: string; channel: ''whatsapp'' | ''instagram'' | ''facebook'' | ''tiktok''; status: ''active'' | ''pending'' | ''resolved'' | ''closed''; handled_by: ''ai'' | ''human''; escalated_at: string | null; escalation_reason: string | null; external_thread_id: string | null; last_inbound_at: string | null; last_message_at: string | null; created_at: string; updated_at: string }; lead: { id: string; name: string | null; score: number; classification: ''hot'' | ''warm'' | ''cold''; origin_channel: ''whatsapp'' | ''instagram'' | ''facebook'' | ''tiktok'' }; messages: { id: string; direction: ''inbound'' | ''outbound''; sender: ''lead'' | ''ai'' | ''human'' | ''system''; message_type: string; text: string | null; media: { [key: string]: Json | undefined } | null; generated_by: ''claude'' | ''offline'' | null; delivery_status: ''received'' | ''queued'' | ''sending'' | ''sent'' | ''delivered'' | ''read'' | ''played'' | ''failed'' | ''deleted''; error_code: string | null; error_message: string | null; created_at: string; sent_at: string | null; delivered_at: string | null; read_at: string | null; failed_at: string | null; sent_by_email: string | null }[] }';

comment on function public.dashboard_conversations(uuid, text, text, text, integer) is
  '@returns { id: string; channel: ''whatsapp'' | ''instagram'' | ''facebook'' | ''tiktok''; status: ''active'' | ''pending'' | ''resolved'' | ''closed''; handled_by: ''ai'' | ''human''; escalated_at: string | null; escalation_reason: string | null; last_message_at: string | null; last_inbound_at: string | null; escalated_first: boolean; lead: { id: string; name: string | null; score: number; classification: ''hot'' | ''warm'' | ''cold'' }; last_message: { text: string | null; message_type: string; sender: ''lead'' | ''ai'' | ''human'' | ''system''; delivery_status: ''received'' | ''queued'' | ''sending'' | ''sent'' | ''delivered'' | ''read'' | ''played'' | ''failed'' | ''deleted''; created_at: string } | null }[]';

comment on function public.dashboard_lead(uuid, uuid) is
  '@returns { lead: { id: string; name: string | null; profile_picture_url: string | null; origin_channel: ''whatsapp'' | ''instagram'' | ''facebook'' | ''tiktok''; phone: string | null; email: string | null; score: number; classification: ''hot'' | ''warm'' | ''cold''; profile_fetched_at: string | null; last_message_at: string | null; created_at: string; updated_at: string }; identities: { channel: ''whatsapp'' | ''instagram'' | ''facebook'' | ''tiktok''; external_id: string; username: string | null }[]; score_events: { id: string; delta: number; score_before: number; score_after: number; classification_after: ''hot'' | ''warm'' | ''cold''; signals: string[]; reason: string | null; created_at: string; message_id: string | null; message_text: string | null }[]; conversations: { id: string; channel: ''whatsapp'' | ''instagram'' | ''facebook'' | ''tiktok''; status: ''active'' | ''pending'' | ''resolved'' | ''closed''; handled_by: ''ai'' | ''human''; escalated_at: string | null; last_message_at: string | null; messages: number }[] }';

comment on function public.dashboard_leads(uuid, text, text, integer) is
  '@returns { id: string; name: string | null; origin_channel: ''whatsapp'' | ''instagram'' | ''facebook'' | ''tiktok''; score: number; classification: ''hot'' | ''warm'' | ''cold''; last_message_at: string | null; created_at: string; last_message_text: string | null }[]';

comment on function public.dashboard_overview(uuid) is
  '@returns { timezone: string; today: string; messages_today: { channel: ''whatsapp'' | ''instagram'' | ''facebook'' | ''tiktok''; inbound: number; outbound: number }[]; new_leads_today: { hot: number; warm: number; cold: number }; offline_replies_today: number; escalations_waiting: { conversation_id: string; channel: ''whatsapp'' | ''instagram'' | ''facebook'' | ''tiktok''; escalated_at: string; reason: string | null; lead_name: string | null }[]; escalations_waiting_count: number; ai_reply_seconds: { day: string; median: number | null; replies: number }[] }';

comment on function public.dashboard_queue(uuid) is
  '@returns { counts: { job_type: string; status: ''pending'' | ''processing'' | ''completed'' | ''failed''; count: number }[]; failed: { id: string; job_type: string; attempts: number; max_attempts: number; error_message: string | null; created_at: string; updated_at: string }[] }';

comment on function public.dashboard_retry_job(uuid, uuid) is
  '@returns { id: string; status: ''pending''; job_type: string; scheduled_for: string }';

comment on function public.dashboard_save_channel(uuid, text, jsonb) is
  '@returns { id: string; tenant_id: string; channel: ''whatsapp'' | ''instagram'' | ''facebook'' | ''tiktok''; mode: ''live'' | ''sandbox''; status: ''connected'' | ''disconnected'' | ''needs_reauth'' | ''error''; ai_enabled: boolean; display_name: string | null; phone_number_id: string | null; business_account_id: string | null; display_phone_number: string | null; page_id: string | null; instagram_account_id: string | null; tiktok_business_id: string | null; access_token: string | null; webhook_secret: string | null; verify_token: string | null; last_error: string | null; last_webhook_at: string | null; updated_at: string }';

comment on function public.dashboard_set_conversation_handler(uuid, uuid, text) is
  '@returns { id: string; handled_by: ''ai'' | ''human''; status: ''active'' | ''pending'' | ''resolved'' | ''closed''; escalated_at: string | null }';

comment on function public.dashboard_set_conversation_status(uuid, uuid, text) is
  '@returns { id: string; handled_by: ''ai'' | ''human''; status: ''active'' | ''pending'' | ''resolved'' | ''closed''; escalated_at: string | null }';

comment on function public.dashboard_simulator_thread(uuid, text, text) is
  '@returns { conversation_id: string | null; lead: { id: string; name: string | null; score: number; classification: ''hot'' | ''warm'' | ''cold'' } | null; messages: { id: string; direction: ''inbound'' | ''outbound''; sender: ''lead'' | ''ai'' | ''human'' | ''system''; message_type: string; text: string | null; generated_by: ''claude'' | ''offline'' | null; delivery_status: ''received'' | ''queued'' | ''sending'' | ''sent'' | ''delivered'' | ''read'' | ''played'' | ''failed'' | ''deleted''; error_code: string | null; error_message: string | null; created_at: string; outbox: { recipient: string; platform_message_id: string; created_at: string } | null }[] }';

comment on function public.dashboard_tenant(text) is
  '@returns { id: string; slug: string; name: string; role: ''owner'' | ''admin'' | ''agent''; timezone: string; locale: string }';

comment on function public.dashboard_update_ai_settings(uuid, jsonb) is
  '@returns { system_prompt: string; business_hours: { timezone?: string; weekly?: { [day: string]: [string, string][] | undefined }; notes?: string }; response_style: string; temperature: number; max_tokens: number; model: string | null; escalation_keywords: string[]; auto_escalate_after_messages: number | null; fallback_message: string; knowledge: { services: { name: string; price?: string; duration?: string; description?: string }[]; faqs: { question: string; answer: string }[] }; updated_at: string }';

comment on function public.dev_find_staff_member(text) is
  '@returns { user_id: string; email: string }';

comment on function public.enqueue_job(text, jsonb, uuid, integer, text, timestamp with time zone, integer) is
  '@returns { id: string; enqueued: boolean }';

comment on function public.enqueue_purge_expired(integer, integer, integer, integer, integer) is
  '@returns { enqueued: false; reason: ''recently_enqueued'' | ''nothing_expired'' } | { id: string; enqueued: boolean }';

comment on function public.escalate_unanswered(uuid, text, integer, uuid, uuid, text) is
  '@returns { outcome: ''not_needed''; reason: string } | { outcome: ''escalated''; fallback_message_id: string | null }';

comment on function public.fail_job(uuid, text, integer, text, boolean, numeric) is
  '@returns { id: string; status: ''pending''; attempts: number; scheduled_for: string } | { id: string; status: ''failed''; attempts: number } | { id: string; status: ''superseded''; superseded_by: string | null }';

comment on function public.ingest_webhook(uuid, text, jsonb, jsonb, text, text, integer, integer, text, numeric) is
  '@returns { outcome: ''accepted'' | ''duplicate''; events: number; stored: number; duplicates: number; echoes_linked: number; statuses_applied: number; statuses_pending: number; statuses_unchanged: number; leads_created: number; conversations_created: number; ai_jobs: number }';

comment on function public.my_tenants() is
  '@returns { id: string; slug: string; name: string; role: ''owner'' | ''admin'' | ''agent'' }[]';

comment on function public.outbound_begin_send(uuid, uuid, text) is
  '@returns { action: ''missing'' } | { action: ''not_sendable''; channel: string; direction: string } | { action: ''already_sent''; platform_message_id: string | null } | { action: ''already_failed''; error_code: string | null } | { action: ''superseded'' } | { action: ''unconfirmed''; tenant_id: string; channel: ''whatsapp'' | ''instagram'' | ''facebook'' | ''tiktok''; seconds_since_send: number } | { action: ''send''; now: string; message: { id: string; tenant_id: string; conversation_id: string; lead_id: string; channel: ''whatsapp'' | ''instagram'' | ''facebook'' | ''tiktok''; sender: ''lead'' | ''ai'' | ''human'' | ''system''; message_type: string; text: string | null; send_attempts: number }; conversation: { id: string; last_inbound_at: string | null; external_thread_id: string | null }; recipient: { external_id: string; phone: string | null } | null; connection: { mode: ''live'' | ''sandbox''; status: ''connected'' | ''disconnected'' | ''needs_reauth'' | ''error''; phone_number_id: string | null; page_id: string | null; instagram_account_id: string | null; tiktok_business_id: string | null; access_token_encrypted: string | null } | null; replies_last_24h: number }';

comment on function public.outbound_deliver_sandbox(uuid, text, jsonb) is
  '@returns { recorded: false; platform_message_id: string; delivery_status: string } | { recorded: boolean; platform_message_id: string; delivery_status: string; id_conflict: boolean }';

comment on function public.outbound_record_send_failure(uuid, text, text, boolean, text) is
  '@returns { recorded: boolean; delivery_status: ''received'' | ''queued'' | ''sending'' | ''sent'' | ''delivered'' | ''read'' | ''played'' | ''failed'' | ''deleted'' }';

comment on function public.outbound_record_sent(uuid, text) is
  '@returns { recorded: false; platform_message_id: string; delivery_status: string } | { recorded: boolean; platform_message_id: string; delivery_status: string; id_conflict: boolean }';

comment on function public.profile_load_context(uuid) is
  '@returns { found: false } | { found: true; lead: { id: string; tenant_id: string; name: string | null; origin_channel: ''whatsapp'' | ''instagram'' | ''facebook'' | ''tiktok''; profile_fetched_at: string | null }; identity: { channel: ''whatsapp'' | ''instagram'' | ''facebook'' | ''tiktok''; external_id: string } | null; connection: { mode: ''live'' | ''sandbox''; status: ''connected'' | ''disconnected'' | ''needs_reauth'' | ''error''; page_id: string | null; instagram_account_id: string | null; access_token_encrypted: string | null } | null }';

comment on function public.profile_record(uuid, text, text, text, text) is
  '@returns { id: string; name: string | null; profile_picture_url: string | null; profile_fetched_at: string }';

comment on function public.purge_expired_rows(integer, integer, integer, integer, integer) is
  '@returns { deleted: { completed_jobs: number; failed_jobs: number; webhook_events: number; pending_message_statuses: number }; more: boolean }';

comment on function public.queue_status(uuid) is
  '@returns { counts: { job_type: string; status: ''pending'' | ''processing'' | ''completed'' | ''failed''; count: number }[]; due: number; expired_leases: number; oldest_due_age_seconds: number | null; generated_at: string }';

comment on function public.retry_failed_job(uuid, uuid) is
  '@returns { id: string; status: ''pending''; job_type: string; scheduled_for: string }';

comment on function public.send_human_reply(uuid, uuid, uuid, text) is
  '@returns { id: string; tenant_id: string; conversation_id: string; lead_id: string; channel: ''whatsapp'' | ''instagram'' | ''facebook'' | ''tiktok''; direction: ''outbound''; sender: ''human''; message_type: ''text''; text: string; media: Json; platform_message_id: string | null; reply_to_platform_message_id: string | null; generated_by: null; sent_by_user_id: string; delivery_status: ''queued''; platform_timestamp: string | null; sent_at: string | null; delivered_at: string | null; read_at: string | null; failed_at: string | null; error_code: string | null; error_message: string | null; created_at: string; updated_at: string; send_attempts: number; send_started_at: string | null }';

comment on function public.system_status() is
  '@returns { migrations: number; tenants: number }';

comment on function public.webhook_connection(text, text) is
  '@returns { found: ''no_tenant'' } | { found: ''no_connection''; tenant_id: string } | { found: ''connection''; tenant_id: string; connection_id: string; channel: ''whatsapp'' | ''instagram'' | ''facebook'' | ''tiktok''; mode: ''live'' | ''sandbox''; status: ''connected'' | ''disconnected'' | ''needs_reauth'' | ''error''; ai_enabled: boolean; phone_number_id: string | null; business_account_id: string | null; display_phone_number: string | null; page_id: string | null; instagram_account_id: string | null; tiktok_business_id: string | null; verify_token: string | null; webhook_secret_encrypted: string | null; secret_fingerprint: string }';

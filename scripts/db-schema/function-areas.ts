// Which supabase/schemas/<area>.sql file a function belongs in. Rules are tried in order; the
// first that matches wins. A function no rule matches stops `npm run db:schema`: add a rule.

export const areas = [
  'tables',
  'helpers',
  'inbound',
  'jobs',
  'ai',
  'outbound',
  'dashboard',
  'team',
  'admin',
  'retention',
  'health',
  'appointments',
  'attention',
  'media',
  'reminders',
  'api',
  'automations',
] as const;
export type Area = (typeof areas)[number];

type Rule = { area: Area; names?: string[]; prefixes?: string[] };

// Names are "schema.function"; a prefix covers every function whose name starts with it.
const rules: Rule[] = [
  {
    area: 'api',
    prefixes: ['internal.api_', 'public.api_', 'public.admin_api_key', 'public.dashboard_api_key'],
    names: [
      'public.admin_create_api_key',
      'public.admin_revoke_api_key',
      'public.dashboard_create_api_key',
      'public.dashboard_revoke_api_key',
    ],
  },
  {
    area: 'automations',
    prefixes: ['internal.automation_', 'public.automation_', 'public.dashboard_automation_'],
  },
  {
    area: 'media',
    prefixes: ['internal.media_', 'public.media_'],
    names: [
      'public.dashboard_media_files',
      'public.dashboard_media_file',
      'public.enqueue_purge_media',
      'public.email_pending_attachments',
    ],
  },
  {
    area: 'reminders',
    prefixes: [
      'internal.reminder',
      'public.appointment_reminder',
      'internal.appointment_tap',
      'internal.follow_up',
      'public.follow_up',
      'public.dashboard_reminder',
      'public.dashboard_appointment_reminders',
    ],
    names: [
      'internal.withdraw_appointment_reminders',
      'internal.schedule_appointment_reminder',
      'internal.tapped_choice_id',
      'internal.spanish_day',
      'internal.system_message_write',
    ],
  },
  {
    area: 'attention',
    prefixes: ['internal.attention_', 'public.notification_'],
    names: [
      'public.dashboard_unread_counts',
      'public.dashboard_attention',
      'public.dashboard_mark_conversation_read',
      'public.dashboard_save_notification_preferences',
      'public.dashboard_save_push_subscription',
    ],
  },
  {
    area: 'appointments',
    prefixes: ['internal.sched_', 'public.appointment_', 'internal.calendar_feed_', 'public.calendar_feed_'],
    names: [
      'public.dashboard_scheduling',
      'public.dashboard_services_menu',
      'internal.services_menu',
      'public.dashboard_save_branch',
      'public.dashboard_save_service',
      'public.dashboard_save_resource',
      'public.dashboard_add_closure',
      'public.dashboard_remove_closure',
      'public.dashboard_appointment_slots',
      'public.dashboard_appointments',
      'public.dashboard_book_appointment',
      'public.dashboard_reschedule_appointment',
      'public.dashboard_set_appointment_status',
      'public.admin_save_branch',
      'public.admin_save_service',
      'public.admin_save_resource',
      'public.admin_appointment_slots',
      'public.admin_book_appointment',
      'public.admin_cancel_appointment',
      'public.admin_appointments',
      'public.dashboard_calendar_feeds',
      'public.dashboard_create_calendar_feed',
      'public.dashboard_revoke_calendar_feed',
    ],
  },
  {
    area: 'helpers',
    names: [
      'public.is_tenant_member',
      'public.member_tenant_ids',
      'public.touch_updated_at',
      'internal.channel_status_after_edit',
      'internal.derive_app_kind',
      'internal.is_uuid',
      'internal.masked_connection',
      'internal.write_connection_fields',
      'internal.refuse_shared_webhook_secret',
    ],
  },
  {
    area: 'inbound',
    prefixes: ['public.ingest_', 'internal.ingest_', 'internal.apply_', 'internal.resolve_webhook_'],
    names: [
      'public.webhook_connection',
      'public.record_webhook_event',
      'internal.webhook_refusal_rows_per_minute',
      'internal.attach_platform_message_id',
      'internal.delivery_status_rank',
      'internal.enqueue_ai_response',
      'internal.find_own_send',
      'internal.is_platform_echo_row',
      'internal.link_own_send_status',
      'internal.secret_fingerprint',
      'internal.connection_account_id',
      'internal.event_is_for_connection',
      'internal.lock_webhook_people',
      'internal.webhook_person_keys',
      'internal.drop_deleted_message_edits',
      'internal.link_changed_number',
    ],
  },
  {
    area: 'jobs',
    names: [
      'public.enqueue_job',
      'public.claim_jobs',
      'public.complete_job',
      'public.complete_jobs',
      'public.fail_job',
      'public.retry_failed_job',
      'public.queue_status',
      'public.escalate_unanswered',
      'internal.enqueue_job',
      'internal.enqueue_follow_ups',
      'internal.enqueue_escalation_for_dead_letter',
      'internal.finish_job',
      'internal.job_retry_delay_seconds',
      'public.record_sweep_run',
      'internal.request_sweep',
      'internal.sweep_support',
      'internal.ensure_sweep_job',
    ],
  },
  // Contact import (issue 17 §5).
  { area: 'dashboard', prefixes: ['internal.import_'] },
  // Lead editing and merging (before the ai rule, whose internal.lead_ prefix would take them).
  {
    area: 'dashboard',
    names: [
      'internal.lead_contact',
      'internal.lead_contact_diff',
      'internal.lock_leads_for_merge',
      'internal.lead_merge_undo_refusal',
    ],
  },
  {
    area: 'ai',
    prefixes: [
      'public.ai_',
      'internal.ai_',
      'internal.lead_',
      'internal.latest_inbound',
      'public.auto_away_',
      'internal.auto_message',
      'internal.auto_greeting',
    ],
  },
  {
    area: 'outbound',
    prefixes: ['public.outbound_', 'public.profile_'],
    names: [
      'public.send_human_reply',
      'public.send_human_choices',
      'public.send_human_media',
      'public.channel_mark_needs_reauth',
      'internal.channel_text_limit',
      'internal.enqueue_send_job',
      'internal.human_reply_window_error',
      'internal.mark_outbound_sent',
    ],
  },
  {
    area: 'team',
    names: [
      'public.dashboard_team',
      'public.dashboard_invite_staff',
      'public.dashboard_resend_invitation',
      'public.dashboard_revoke_invitation',
      'public.dashboard_set_member_role',
      'public.dashboard_remove_member',
      'public.invitation_preview',
      'public.accept_staff_invitation',
      'public.admin_invite_staff_member',
      'public.admin_seed_staff_member',
      'public.create_my_business',
      'public.dev_create_user',
      'public.dashboard_onboarding',
      'public.rate_limit_hit',
      'internal.record_team_event',
      'internal.token_hash_bytes',
      'internal.check_staff_email_and_role',
      'internal.require_team_manager',
      'internal.create_invitation',
      'internal.refuse_last_owner',
    ],
  },
  {
    area: 'outbound',
    prefixes: ['internal.template_', 'public.template_'],
    names: [
      'public.dashboard_whatsapp_templates',
      'public.dashboard_save_whatsapp_template',
      'public.send_template_message',
      'public.operator_send_text',
      'public.enqueue_template_syncs',
    ],
  },
  {
    area: 'dashboard',
    prefixes: ['public.dashboard_', 'internal.search_'],
    names: [
      'internal.message_words',
      'public.my_tenants',
      'public.dev_find_staff_member',
      'internal.require_member',
      'internal.mark_test_conversation',
      'internal.mark_test_lead',
      'internal.stamp_message_facts',
      'internal.check_ai_settings_patch',
      'internal.check_ai_media_settings_patch',
      'internal.check_ai_provider_patch',
      'internal.check_ai_model_of_provider',
      'internal.ai_setting_refused',
      'internal.json_text_within',
      'internal.json_records_within',
      'internal.assignment_matches',
    ],
  },
  // The reports rollup (its job, its triggers and the report that reads it).
  {
    area: 'dashboard',
    prefixes: ['internal.report_', 'public.report_'],
    names: ['public.enqueue_report_rollup'],
  },
  {
    area: 'admin',
    prefixes: ['public.admin_'],
    names: ['public.system_status', 'internal.tenant_id_by_slug'],
  },
  {
    area: 'retention',
    names: [
      'public.purge_expired_rows',
      'public.enqueue_purge_expired',
      'internal.check_retention_days',
      'internal.expired_rows_remain',
    ],
  },
  {
    area: 'health',
    prefixes: ['public.token_health_'],
    names: [
      'public.enqueue_token_health_checks',
      'internal.connection_reauth_deadline',
      'internal.enqueue_token_health_on_new_token',
    ],
  },
];

export function classifyFunction(qualifiedName: string): Area {
  for (const rule of rules) {
    if (rule.names?.includes(qualifiedName)) return rule.area;
    if (rule.prefixes?.some((prefix) => qualifiedName.startsWith(prefix))) return rule.area;
  }
  throw new Error(
    `No area for SQL function ${qualifiedName}: add it to the rules in scripts/db-schema/function-areas.ts`,
  );
}

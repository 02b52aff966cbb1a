-- Issue 14: the columns self-serve onboarding, key scoping and token health write.
--
-- app_kind: whose Meta/TikTok app the connection's webhooks and tokens come from.
--   'platform': onboarded through the deployment's own app (Embedded Signup, Facebook Login,
--   TikTok OAuth, or a manual form without a secret of its own). Only these accept the
--   deployment-wide secret (META_APP_SECRET, TIKTOK_CLIENT_SECRET) and are reachable through the
--   app-level routes /api/webhook/meta and /api/webhook/tiktok.
--   'own': the tenant brought its own app; only the connection's own secret is accepted.
-- Existing connections without a secret of their own could only ever be verified with the
-- deployment-wide secret: they are the platform's.
alter table public.channel_connections
  add column app_kind text not null default 'platform' check (app_kind in ('platform', 'own')),
  -- HMAC-SHA256 (keyed with ENCRYPTION_KEY) of the connection's own webhook secret: two tenants
  -- may not share one (whoever knows it could forge the other's deliveries; page ids are public).
  add column webhook_secret_digest text,
  -- Token health (debug_token: expires_at, data_access_expires_at, scopes; TikTok OAuth).
  add column refresh_token_encrypted text,
  add column token_expires_at timestamptz,
  add column refresh_token_expires_at timestamptz,
  add column data_access_expires_at timestamptz,
  add column token_scopes text[],
  add column token_checked_at timestamptz,
  add column expiry_warned_at timestamptz,
  -- What the channel card shows.
  add column last_inbound_at timestamptz,
  add column last_send_ok_at timestamptz,
  add column quality_rating text,
  add column messaging_limit text,
  add column quality_updated_at timestamptz,
  -- Messenger policy-enforcement (action block/unblock), with the platform's reason.
  add column policy_blocked_at timestamptz,
  add column policy_reason text;

update public.channel_connections set app_kind = 'own' where webhook_secret_encrypted is not null;

create unique index channel_connections_webhook_secret_digest_key
  on public.channel_connections (webhook_secret_digest) where webhook_secret_digest is not null;

-- An id belongs to one tenant only once it is live: a sandbox (simulator) connection naming
-- someone's real number can no longer block its owner from connecting it.
drop index public.channel_connections_phone_number_id_key;
drop index public.channel_connections_page_id_key;
drop index public.channel_connections_instagram_account_id_key;
drop index public.channel_connections_tiktok_business_id_key;
create unique index channel_connections_phone_number_id_key
  on public.channel_connections (phone_number_id) where phone_number_id is not null and mode = 'live';
create unique index channel_connections_page_id_key
  on public.channel_connections (channel, page_id) where page_id is not null and mode = 'live';
create unique index channel_connections_instagram_account_id_key
  on public.channel_connections (instagram_account_id) where instagram_account_id is not null and mode = 'live';
create unique index channel_connections_tiktok_business_id_key
  on public.channel_connections (tiktok_business_id) where tiktok_business_id is not null and mode = 'live';

grant select (app_kind, token_expires_at, refresh_token_expires_at, data_access_expires_at, token_scopes,
  token_checked_at, expiry_warned_at, last_inbound_at, last_send_ok_at, quality_rating, messaging_limit,
  quality_updated_at, policy_blocked_at, policy_reason) on public.channel_connections to authenticated;

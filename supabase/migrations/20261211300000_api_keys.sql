-- Public API /api/v1 (issue 17, section 4): per-tenant API keys. The key is shown once; the
-- database keeps its sha256 and a short prefix to recognise it in the list. A key acts with the
-- membership of the staff member who made it (the dashboard user, or the tenant's first owner for
-- the CLI): every operation goes through the same dashboard_* function a person would use, with
-- the same checks. If that member leaves the business, the key stops working.
--
-- api_invoke is the one door for the API: authenticate the key, count it against its per-minute
-- limit, check its scope, then run one allowlisted operation as the key's member, all in one
-- round trip. Errors come back as data ({error: …}) so the counter and last_used_at stay
-- written even when the operation is refused.

create table public.api_keys (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  name text not null check (char_length(name) between 1 and 80),
  scope text not null default 'read' check (scope in ('read', 'write')),
  key_hash bytea not null unique check (octet_length(key_hash) = 32),
  prefix text not null check (prefix ~ '^[A-Za-z0-9_]{4,16}$'),
  rate_limit_per_minute integer not null default 120 check (rate_limit_per_minute between 1 and 10000),
  created_by uuid not null,
  created_at timestamptz not null default now(),
  revoked_at timestamptz,
  last_used_at timestamptz
);
create index api_keys_tenant_idx on public.api_keys (tenant_id, created_at);

alter table public.api_keys enable row level security;
revoke all on table public.api_keys from anon, authenticated;
grant select, insert, update, delete on table public.api_keys to service_role;

create or replace function internal.api_key_json(p_key public.api_keys) returns jsonb
language sql stable set search_path = '' as $$
  select jsonb_build_object('id', p_key.id, 'name', p_key.name, 'scope', p_key.scope,
    'prefix', p_key.prefix, 'rate_limit_per_minute', p_key.rate_limit_per_minute,
    'created_at', p_key.created_at, 'revoked_at', p_key.revoked_at, 'last_used_at', p_key.last_used_at)
$$;
revoke all on function internal.api_key_json(public.api_keys) from public, anon, authenticated, service_role;

create or replace function internal.api_key_insert(p_tenant_id uuid, p_user_id uuid, p_name text,
  p_scope text, p_key_hash text, p_prefix text, p_rate_limit integer) returns jsonb
language plpgsql volatile set search_path = '' as $$
declare
  v_key public.api_keys;
begin
  if p_scope not in ('read', 'write') then
    raise exception 'scope is read or write' using errcode = 'PT400';
  end if;
  if char_length(btrim(coalesce(p_name, ''))) not between 1 and 80 then
    raise exception 'a key needs a name of 1 to 80 characters' using errcode = 'PT400';
  end if;
  if (select count(*) from public.api_keys k where k.tenant_id = p_tenant_id and k.revoked_at is null) >= 50 then
    raise exception 'a business keeps at most 50 live API keys' using errcode = 'PT409';
  end if;
  insert into public.api_keys (tenant_id, name, scope, key_hash, prefix, rate_limit_per_minute, created_by)
  values (p_tenant_id, btrim(p_name), p_scope, internal.token_hash_bytes(p_key_hash), p_prefix,
    coalesce(p_rate_limit, 120), p_user_id)
  returning * into v_key;
  return internal.api_key_json(v_key);
end $$;
revoke all on function internal.api_key_insert(uuid, uuid, text, text, text, text, integer) from public, anon, authenticated, service_role;

-- Dashboard: admins list, create and revoke their business's keys.
create or replace function public.dashboard_api_keys(p_tenant_id uuid) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
begin
  perform internal.require_member(p_tenant_id, 'admin');
  return coalesce((select jsonb_agg(internal.api_key_json(k) order by k.created_at desc)
    from public.api_keys k where k.tenant_id = p_tenant_id), '[]'::jsonb);
end $$;
revoke all on function public.dashboard_api_keys(uuid) from public, anon;
grant execute on function public.dashboard_api_keys(uuid) to authenticated, service_role;

create or replace function public.dashboard_create_api_key(p_tenant_id uuid, p_name text, p_scope text,
  p_key_hash text, p_prefix text) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
begin
  perform internal.require_member(p_tenant_id, 'admin');
  return internal.api_key_insert(p_tenant_id, (select auth.uid()), p_name, p_scope, p_key_hash, p_prefix, null);
end $$;
revoke all on function public.dashboard_create_api_key(uuid, text, text, text, text) from public, anon;
grant execute on function public.dashboard_create_api_key(uuid, text, text, text, text) to authenticated, service_role;

create or replace function public.dashboard_revoke_api_key(p_tenant_id uuid, p_key_id uuid) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_id uuid;
begin
  perform internal.require_member(p_tenant_id, 'admin');
  update public.api_keys k set revoked_at = now()
  where k.id = p_key_id and k.tenant_id = p_tenant_id and k.revoked_at is null
  returning k.id into v_id;
  return jsonb_build_object('id', p_key_id, 'revoked', v_id is not null);
end $$;
revoke all on function public.dashboard_revoke_api_key(uuid, uuid) from public, anon;
grant execute on function public.dashboard_revoke_api_key(uuid, uuid) to authenticated, service_role;

-- Operator (CLI): the key acts as the business's first owner.
create or replace function public.admin_create_api_key(p_tenant_id uuid, p_name text, p_scope text,
  p_key_hash text, p_prefix text, p_rate_limit integer default null) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_owner uuid;
begin
  select m.user_id into v_owner from public.tenant_members m
  where m.tenant_id = p_tenant_id and m.role = 'owner' order by m.created_at, m.user_id limit 1;
  if v_owner is null then
    raise exception 'this business has no owner yet: invite one first' using errcode = 'PT409';
  end if;
  return internal.api_key_insert(p_tenant_id, v_owner, p_name, p_scope, p_key_hash, p_prefix, p_rate_limit);
end $$;
revoke all on function public.admin_create_api_key(uuid, text, text, text, text, integer) from public, anon, authenticated;
grant execute on function public.admin_create_api_key(uuid, text, text, text, text, integer) to service_role;

create or replace function public.admin_api_keys(p_tenant_id uuid) returns jsonb
language sql stable security definer set search_path = '' as $$
  select coalesce(jsonb_agg(internal.api_key_json(k) order by k.created_at desc), '[]'::jsonb)
  from public.api_keys k where k.tenant_id = p_tenant_id
$$;
revoke all on function public.admin_api_keys(uuid) from public, anon, authenticated;
grant execute on function public.admin_api_keys(uuid) to service_role;

create or replace function public.admin_revoke_api_key(p_tenant_id uuid, p_key_id uuid) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_id uuid;
begin
  update public.api_keys k set revoked_at = now()
  where k.id = p_key_id and k.tenant_id = p_tenant_id and k.revoked_at is null
  returning k.id into v_id;
  return jsonb_build_object('id', p_key_id, 'revoked', v_id is not null);
end $$;
revoke all on function public.admin_revoke_api_key(uuid, uuid) from public, anon, authenticated;
grant execute on function public.admin_revoke_api_key(uuid, uuid) to service_role;

create or replace function internal.api_error(p_code text, p_message text, p_extra jsonb default '{}'::jsonb)
returns jsonb language sql immutable set search_path = '' as $$
  select jsonb_build_object('error', jsonb_build_object('code', p_code, 'message', p_message) || p_extra)
$$;
revoke all on function internal.api_error(text, text, jsonb) from public, anon, authenticated, service_role;

-- The API's one door (service role). p_operation names one allowlisted operation; p_args are
-- its arguments, already validated by the route's zod schema. Answers {result} or {error}.
create or replace function public.api_invoke(p_key_hash text, p_operation text, p_args jsonb) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_key public.api_keys;
  v_tenant uuid;
  v_start timestamptz;
  v_hits integer;
  v_result jsonb;
  v_state text;
  v_message text;
  v_hint text;
  v_write boolean;
begin
  select k.* into v_key from public.api_keys k
  join public.tenant_members m on m.tenant_id = k.tenant_id and m.user_id = k.created_by
  where k.key_hash = internal.token_hash_bytes(p_key_hash) and k.revoked_at is null;
  if v_key.id is null then
    return internal.api_error('unauthorized', 'unknown or revoked API key');
  end if;
  v_tenant := v_key.tenant_id;

  v_start := date_trunc('minute', now());
  insert into internal.rate_limit_counters as c (bucket, key_hash, window_start, hits)
  values ('api_key', v_key.key_hash, v_start, 1)
  on conflict (bucket, key_hash, window_start) do update set hits = c.hits + 1
  returning hits into v_hits;
  if v_hits > v_key.rate_limit_per_minute then
    return internal.api_error('rate_limited', 'too many requests for this API key',
      jsonb_build_object('retry_after_seconds',
        greatest(1, ceil(extract(epoch from (v_start + interval '1 minute' - now())))::integer)));
  end if;
  update public.api_keys k set last_used_at = now()
  where k.id = v_key.id and (k.last_used_at is null or k.last_used_at < now() - interval '1 minute');

  if p_operation not in ('conversations.list', 'conversations.get', 'conversations.status',
      'conversations.handler', 'conversations.escalate', 'conversations.ai_reply', 'messages.send_text', 'templates.list',
      'messages.send_template', 'leads.list', 'leads.get', 'leads.update', 'leads.tag', 'appointments.list',
      'appointments.create', 'appointments.cancel', 'stats.report') then
    return internal.api_error('not_found', 'unknown operation');
  end if;
  v_write := p_operation in ('conversations.status', 'conversations.handler', 'conversations.escalate', 'conversations.ai_reply',
    'messages.send_text', 'messages.send_template', 'leads.update', 'leads.tag', 'appointments.create',
    'appointments.cancel');
  if v_write and v_key.scope <> 'write' then
    return internal.api_error('forbidden_scope', 'this API key can only read');
  end if;

  -- From here on the dashboard functions see the key's member as the signed-in user.
  perform set_config('request.jwt.claims',
    jsonb_build_object('sub', v_key.created_by, 'role', 'authenticated')::text, true);
  begin
    v_result := case p_operation
      when 'conversations.list' then public.dashboard_conversations(v_tenant,
        p_status => p_args ->> 'status', p_channel => p_args ->> 'channel',
        p_handled_by => p_args ->> 'handled_by', p_classification => p_args ->> 'classification',
        p_query => p_args ->> 'q', p_from => (p_args ->> 'from')::date, p_to => (p_args ->> 'to')::date,
        p_after_escalated => (p_args ->> 'after_escalated')::boolean,
        p_after_at => (p_args ->> 'after_at')::timestamptz, p_after_id => (p_args ->> 'after_id')::uuid,
        p_limit => coalesce((p_args ->> 'limit')::integer, 50), p_assigned => p_args ->> 'assigned')
      when 'conversations.get' then public.dashboard_conversation(v_tenant, (p_args ->> 'id')::uuid,
        p_limit => coalesce((p_args ->> 'limit')::integer, 50))
      when 'conversations.status' then public.dashboard_set_conversation_status(v_tenant,
        (p_args ->> 'id')::uuid, p_args ->> 'status')
      when 'conversations.handler' then public.dashboard_set_conversation_handler(v_tenant,
        (p_args ->> 'id')::uuid, p_args ->> 'handled_by')
      when 'conversations.escalate' then public.dashboard_escalate_conversation(v_tenant,
        (p_args ->> 'id')::uuid, p_args ->> 'reason')
      when 'conversations.ai_reply' then public.dashboard_request_ai_reply(v_tenant, (p_args ->> 'id')::uuid)
      when 'messages.send_text' then public.send_human_reply(v_tenant, (p_args ->> 'conversation_id')::uuid,
        v_key.created_by, p_args ->> 'text')
      when 'templates.list' then public.dashboard_whatsapp_templates(v_tenant)
      when 'messages.send_template' then public.send_template_message(v_tenant,
        (p_args ->> 'conversation_id')::uuid, null, v_key.created_by, p_args ->> 'name',
        p_args ->> 'language', p_args ->> 'text', p_args -> 'components')
      when 'leads.list' then public.dashboard_leads(v_tenant, p_classification => p_args ->> 'classification',
        p_channel => p_args ->> 'channel', p_query => p_args ->> 'q', p_from => (p_args ->> 'from')::date,
        p_to => (p_args ->> 'to')::date, p_after_at => (p_args ->> 'after_at')::timestamptz,
        p_after_id => (p_args ->> 'after_id')::uuid, p_limit => coalesce((p_args ->> 'limit')::integer, 50))
      when 'leads.get' then public.dashboard_lead(v_tenant, (p_args ->> 'id')::uuid)
      when 'leads.update' then public.dashboard_update_lead(v_tenant, (p_args ->> 'id')::uuid, p_args -> 'fields')
      when 'leads.tag' then public.dashboard_set_tag(v_tenant, 'lead', (p_args ->> 'id')::uuid,
        (p_args ->> 'tag_id')::uuid, (p_args ->> 'on')::boolean)
      when 'appointments.list' then public.dashboard_appointments(v_tenant, p_args)
      when 'appointments.create' then public.api_book_appointment_as_member(v_tenant, p_args)
      when 'appointments.cancel' then public.dashboard_set_appointment_status(v_tenant,
        (p_args ->> 'id')::uuid, 'cancelled', p_args ->> 'note')
      when 'stats.report' then public.dashboard_report(v_tenant, (p_args ->> 'from')::date,
        (p_args ->> 'to')::date, p_args ->> 'channel')
    end;
  exception when others then
    get stacked diagnostics v_state = returned_sqlstate, v_message = message_text, v_hint = pg_exception_hint;
    return jsonb_build_object('error', jsonb_build_object('sqlstate', v_state, 'message', v_message,
      'hint', nullif(v_hint, '')));
  end;
  return jsonb_build_object('result', v_result);
end $$;
revoke all on function public.api_invoke(text, text, jsonb) from public, anon, authenticated;
grant execute on function public.api_invoke(text, text, jsonb) to service_role;

-- Booking through the API: the staff booking's checks, recorded with source 'api'.
create or replace function public.api_book_appointment_as_member(p_tenant_id uuid, p_booking jsonb) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_status text;
begin
  perform internal.require_member(p_tenant_id, 'agent');
  perform internal.sched_check_keys(p_booking, array['lead_id', 'status', 'service_id', 'branch_id',
    'resource_id', 'starts_at', 'local_start', 'party_size', 'notes'], 'booking');
  v_status := coalesce(internal.sched_text(p_booking, 'status', 20), 'confirmed');
  if v_status not in ('requested', 'confirmed') then
    perform internal.sched_refuse('a new appointment is requested or confirmed');
  end if;
  return internal.sched_book(p_tenant_id, internal.sched_uuid(p_booking, 'lead_id'),
    p_booking - 'lead_id' - 'status', v_status, 'api', now());
end $$;
revoke all on function public.api_book_appointment_as_member(uuid, jsonb) from public, anon, authenticated, service_role;

do $$
declare
  v_key text := '{ id: string; name: string; scope: ''read'' | ''write''; prefix: string; rate_limit_per_minute: number; created_at: string; revoked_at: string | null; last_used_at: string | null }';
begin
  execute format('comment on function public.dashboard_api_keys(uuid) is %L', format('@returns %s[]', v_key));
  execute format('comment on function public.admin_api_keys(uuid) is %L', format('@returns %s[]', v_key));
  execute format('comment on function public.dashboard_create_api_key(uuid, text, text, text, text) is %L',
    format('@returns %s', v_key));
  execute format('comment on function public.admin_create_api_key(uuid, text, text, text, text, integer) is %L',
    format('@returns %s', v_key));
  execute format('comment on function public.dashboard_revoke_api_key(uuid, uuid) is %L',
    '@returns { id: string; revoked: boolean }');
  execute format('comment on function public.admin_revoke_api_key(uuid, uuid) is %L',
    '@returns { id: string; revoked: boolean }');
  execute format('comment on function public.api_invoke(text, text, jsonb) is %L',
    '@returns { result: unknown } | { error: { code?: string; sqlstate?: string; message: string; hint?: string | null; retry_after_seconds?: number } }');
  execute format('comment on function public.api_book_appointment_as_member(uuid, jsonb) is %L', '@returns unknown');
end $$;

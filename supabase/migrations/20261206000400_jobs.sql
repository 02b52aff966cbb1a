-- Squashed on 2026-12-07 (see README.md): the job queue. Enqueue with a dedupe key, claim
-- with FOR UPDATE SKIP LOCKED and a lease, finish and enqueue follow-ups in one transaction,
-- retry with backoff, dead letters and the escalation they trigger.

-- Enqueue one job. With a dedupe key and a pending twin, nothing is inserted and the twin is
-- locked until the caller's transaction commits: a claimer (SKIP LOCKED) cannot take the twin
-- before the data this enqueue belongs to (a new customer message, say) is visible to its handler.
create or replace function internal.enqueue_job(
  p_job_type text,
  p_payload jsonb default '{}'::jsonb,
  p_tenant_id uuid default null,
  p_priority integer default 0,
  p_dedupe_key text default null,
  p_scheduled_for timestamptz default null,
  p_max_attempts integer default 5
) returns jsonb
language plpgsql set search_path = '' as $$
declare
  v_id uuid;
begin
  if p_job_type is null or p_job_type !~ '^[a-z][a-z0-9_]{1,62}$' then
    raise exception 'invalid job_type %', coalesce(p_job_type, 'null') using errcode = 'PT400';
  end if;
  if p_payload is null or jsonb_typeof(p_payload) <> 'object' then
    raise exception 'job payload must be a JSON object' using errcode = 'PT400';
  end if;
  if p_max_attempts is not null and (p_max_attempts < 1 or p_max_attempts > 50) then
    raise exception 'max_attempts must be between 1 and 50' using errcode = 'PT400';
  end if;
  if p_dedupe_key is not null and length(p_dedupe_key) not between 1 and 200 then
    raise exception 'dedupe_key must be 1 to 200 characters' using errcode = 'PT400';
  end if;
  for i in 1..5 loop
    insert into public.jobs (tenant_id, job_type, payload, priority, dedupe_key, scheduled_for, max_attempts)
    values (p_tenant_id, p_job_type, p_payload, coalesce(p_priority, 0), p_dedupe_key,
      coalesce(p_scheduled_for, now()), coalesce(p_max_attempts, 5))
    on conflict (dedupe_key) where status = 'pending' and dedupe_key is not null do nothing
    returning id into v_id;
    if v_id is not null then
      return jsonb_build_object('id', v_id, 'enqueued', true);
    end if;
    select id into v_id from public.jobs
    where dedupe_key = p_dedupe_key and status = 'pending'
    for update;
    if v_id is not null then
      return jsonb_build_object('id', v_id, 'enqueued', false);
    end if;
    -- The twin was claimed in between: it no longer covers this enqueue, insert again.
  end loop;
  raise exception 'could not enqueue job with dedupe key %', p_dedupe_key using errcode = 'PT409';
end $$;
revoke all on function internal.enqueue_job(text, jsonb, uuid, integer, text, timestamptz, integer) from public;
grant execute on function internal.enqueue_job(text, jsonb, uuid, integer, text, timestamptz, integer) to service_role;

-- Follow-ups of a finished job: a tenant's job may only enqueue work for the same tenant.
create or replace function internal.enqueue_follow_ups(p_follow_ups jsonb, p_parent_tenant_id uuid)
returns integer
language plpgsql set search_path = '' as $$
declare
  v_item jsonb;
  v_tenant_id uuid;
  v_count integer := 0;
begin
  if p_follow_ups is null or p_follow_ups = 'null'::jsonb then
    return 0;
  end if;
  if jsonb_typeof(p_follow_ups) <> 'array' then
    raise exception 'follow-ups must be a JSON array' using errcode = 'PT400';
  end if;
  for v_item in select value from jsonb_array_elements(p_follow_ups) loop
    if jsonb_typeof(v_item) <> 'object' then
      raise exception 'each follow-up must be a JSON object' using errcode = 'PT400';
    end if;
    v_tenant_id := coalesce((v_item ->> 'tenant_id')::uuid, p_parent_tenant_id);
    if p_parent_tenant_id is not null and v_tenant_id <> p_parent_tenant_id then
      raise exception 'a follow-up cannot target another tenant' using errcode = 'PT403';
    end if;
    if (internal.enqueue_job(
      v_item ->> 'job_type',
      coalesce(v_item -> 'payload', '{}'::jsonb),
      v_tenant_id,
      coalesce((v_item ->> 'priority')::integer, 0),
      v_item ->> 'dedupe_key',
      (v_item ->> 'scheduled_for')::timestamptz,
      coalesce((v_item ->> 'max_attempts')::integer, 5)
    ) ->> 'enqueued')::boolean then
      v_count := v_count + 1;
    end if;
  end loop;
  return v_count;
end $$;
revoke all on function internal.enqueue_follow_ups(jsonb, uuid) from public;

-- Complete the current job under its lease and enqueue its follow-ups, inside the caller's
-- transaction. Handlers' own SQL functions call this so their effect and the completion commit
-- together or not at all.
create or replace function internal.finish_job(
  p_job_id uuid,
  p_locked_by text,
  p_attempts integer,
  p_result jsonb default null,
  p_follow_ups jsonb default '[]'::jsonb
) returns void
language plpgsql set search_path = '' as $$
declare
  v_tenant_id uuid;
begin
  update public.jobs set
    status = 'completed',
    completed_at = now(),
    result = p_result,
    error_message = null,
    locked_until = null
  where id = p_job_id and locked_by = p_locked_by and attempts = p_attempts and status = 'processing'
  returning tenant_id into v_tenant_id;
  if not found then
    raise exception 'job % is no longer held by %', p_job_id, p_locked_by using errcode = 'PT409';
  end if;
  perform internal.enqueue_follow_ups(p_follow_ups, v_tenant_id);
end $$;
revoke all on function internal.finish_job(uuid, text, integer, jsonb, jsonb) from public;
grant execute on function internal.finish_job(uuid, text, integer, jsonb, jsonb) to service_role;

-- Exponential backoff with full jitter, never earlier than a Retry-After the error carried.
create or replace function internal.job_retry_delay_seconds(p_attempts integer, p_retry_after_seconds numeric)
returns numeric
language sql volatile set search_path = '' as $$
  select greatest(
    least(coalesce(p_retry_after_seconds, 0), 86400),
    (random() * least(3600, 10 * power(2, greatest(p_attempts, 1) - 1)))::numeric
  )
$$;
revoke all on function internal.job_retry_delay_seconds(integer, numeric) from public;

create or replace function public.enqueue_job(
  p_job_type text,
  p_payload jsonb default '{}'::jsonb,
  p_tenant_id uuid default null,
  p_priority integer default 0,
  p_dedupe_key text default null,
  p_scheduled_for timestamptz default null,
  p_max_attempts integer default 5
) returns jsonb
language sql security definer set search_path = '' as $$
  select internal.enqueue_job(p_job_type, p_payload, p_tenant_id, p_priority, p_dedupe_key,
    p_scheduled_for, p_max_attempts)
$$;
revoke all on function public.enqueue_job(text, jsonb, uuid, integer, text, timestamptz, integer)
  from public, anon, authenticated;
grant execute on function public.enqueue_job(text, jsonb, uuid, integer, text, timestamptz, integer) to service_role;

create or replace function public.claim_jobs(
  p_worker text,
  p_limit integer,
  p_lease_seconds integer,
  p_tenant_id uuid default null,
  p_job_types text[] default null
) returns jsonb
-- Custom plans fold the absent filters away, so each branch uses its partial index.
language plpgsql security definer set search_path = '' set plan_cache_mode = 'force_custom_plan' as $$
declare
  v_claimed jsonb;
begin
  if p_worker is null or length(p_worker) not between 1 and 200 then
    raise exception 'worker id must be 1 to 200 characters' using errcode = 'PT400';
  end if;
  if p_limit is null or p_limit not between 1 and 1000 then
    raise exception 'limit must be between 1 and 1000' using errcode = 'PT400';
  end if;
  if p_lease_seconds is null or p_lease_seconds not between 1 and 3600 then
    raise exception 'lease must be between 1 and 3600 seconds' using errcode = 'PT400';
  end if;

  -- A job whose lease expired on its last attempt (the worker died every time) is a dead letter,
  -- not something to claim forever.
  update public.jobs j set
    status = 'failed',
    completed_at = now(),
    locked_until = null,
    error_message = 'lease expired on the final attempt (the worker died or ran out of time)'
  where j.id in (
    select id from public.jobs
    where status = 'processing' and locked_until < now() and attempts >= max_attempts
      and (p_tenant_id is null or tenant_id = p_tenant_id)
      and (p_job_types is null or job_type = any (p_job_types))
    for update skip locked);

  -- Each branch walks its own index; the few extra rows locked are released at commit.
  with due as (
    select id, priority, scheduled_for from public.jobs
    where status = 'pending' and scheduled_for <= now()
      and (p_tenant_id is null or tenant_id = p_tenant_id)
      and (p_job_types is null or job_type = any (p_job_types))
    order by priority desc, scheduled_for
    limit p_limit
    for update skip locked
  ), expired as (
    select id, priority, scheduled_for from public.jobs
    where status = 'processing' and locked_until < now()
      and (p_tenant_id is null or tenant_id = p_tenant_id)
      and (p_job_types is null or job_type = any (p_job_types))
    order by locked_until
    limit p_limit
    for update skip locked
  ), picked as (
    select id from (select * from due union all select * from expired) c
    order by priority desc, scheduled_for
    limit p_limit
  ), claimed as (
    update public.jobs j set
      status = 'processing',
      attempts = j.attempts + 1,
      started_at = now(),
      locked_until = now() + make_interval(secs => p_lease_seconds),
      locked_by = p_worker
    from picked
    where j.id = picked.id
    returning j.*
  )
  select coalesce(jsonb_agg(jsonb_build_object(
      'id', c.id, 'tenant_id', c.tenant_id, 'job_type', c.job_type, 'payload', c.payload,
      'attempts', c.attempts, 'max_attempts', c.max_attempts, 'locked_by', c.locked_by,
      'locked_until', c.locked_until, 'priority', c.priority, 'scheduled_for', c.scheduled_for)
      order by c.priority desc, c.scheduled_for), '[]'::jsonb)
  into v_claimed
  from claimed c;
  return v_claimed;
end $$;
revoke all on function public.claim_jobs(text, integer, integer, uuid, text[]) from public, anon, authenticated;
grant execute on function public.claim_jobs(text, integer, integer, uuid, text[]) to service_role;

create or replace function public.complete_job(
  p_job_id uuid,
  p_locked_by text,
  p_attempts integer,
  p_result jsonb default null,
  p_follow_ups jsonb default '[]'::jsonb
) returns jsonb
language plpgsql security definer set search_path = '' as $$
begin
  perform internal.finish_job(p_job_id, p_locked_by, p_attempts, p_result, p_follow_ups);
  return jsonb_build_object('id', p_job_id, 'status', 'completed');
end $$;
revoke all on function public.complete_job(uuid, text, integer, jsonb, jsonb) from public, anon, authenticated;
grant execute on function public.complete_job(uuid, text, integer, jsonb, jsonb) to service_role;

create or replace function public.fail_job(
  p_job_id uuid,
  p_locked_by text,
  p_attempts integer,
  p_error text,
  p_retryable boolean default true,
  p_retry_after_seconds numeric default null
) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_job public.jobs;
  v_error text := left(coalesce(nullif(p_error, ''), 'unknown error'), 2000);
  v_twin uuid;
begin
  select * into v_job from public.jobs
  where id = p_job_id and locked_by = p_locked_by and attempts = p_attempts and status = 'processing'
  for update;
  if not found then
    raise exception 'job % is no longer held by %', p_job_id, p_locked_by using errcode = 'PT409';
  end if;

  if not coalesce(p_retryable, true) or v_job.attempts >= v_job.max_attempts then
    update public.jobs set status = 'failed', completed_at = now(), locked_until = null,
      error_message = v_error
    where id = p_job_id;
    return jsonb_build_object('id', p_job_id, 'status', 'failed', 'attempts', v_job.attempts);
  end if;

  begin
    update public.jobs set
      status = 'pending',
      locked_until = null,
      error_message = v_error,
      scheduled_for = now() + make_interval(secs => internal.job_retry_delay_seconds(v_job.attempts,
        p_retry_after_seconds)::double precision)
    where id = p_job_id
    returning * into v_job;
    return jsonb_build_object('id', p_job_id, 'status', 'pending', 'attempts', v_job.attempts,
      'scheduled_for', v_job.scheduled_for);
  exception when unique_violation then
    -- A pending job with the same dedupe key was enqueued meanwhile; it does this work.
    select id into v_twin from public.jobs where dedupe_key = v_job.dedupe_key and status = 'pending';
    update public.jobs set status = 'completed', completed_at = now(), locked_until = null,
      error_message = v_error, result = jsonb_build_object('superseded_by', v_twin)
    where id = p_job_id;
    return jsonb_build_object('id', p_job_id, 'status', 'superseded', 'superseded_by', v_twin);
  end;
end $$;
revoke all on function public.fail_job(uuid, text, integer, text, boolean, numeric) from public, anon, authenticated;
grant execute on function public.fail_job(uuid, text, integer, text, boolean, numeric) to service_role;

-- A dead letter back to the queue with a fresh attempt budget. p_tenant_id, when given, must
-- own the job (callers acting for one tenant pass it).
create or replace function public.retry_failed_job(p_job_id uuid, p_tenant_id uuid default null)
returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_job public.jobs;
begin
  select * into v_job from public.jobs
  where id = p_job_id and (p_tenant_id is null or tenant_id = p_tenant_id)
  for update;
  if not found then
    raise exception 'job % not found', p_job_id using errcode = 'PT404';
  end if;
  if v_job.status <> 'failed' then
    raise exception 'job % is %, only failed jobs can be retried', p_job_id, v_job.status
      using errcode = 'PT409';
  end if;
  begin
    update public.jobs set status = 'pending', attempts = 0, scheduled_for = now(),
      started_at = null, completed_at = null, locked_until = null, locked_by = null
    where id = p_job_id
    returning * into v_job;
  exception when unique_violation then
    raise exception 'a pending job with the same dedupe key already exists' using errcode = 'PT409';
  end;
  return jsonb_build_object('id', v_job.id, 'status', v_job.status, 'job_type', v_job.job_type,
    'scheduled_for', v_job.scheduled_for);
end $$;
revoke all on function public.retry_failed_job(uuid, uuid) from public, anon, authenticated;
grant execute on function public.retry_failed_job(uuid, uuid) to service_role;

create or replace function public.queue_status(p_tenant_id uuid default null) returns jsonb
language sql stable security definer set search_path = '' as $$
  select jsonb_build_object(
    'counts', coalesce((
      select jsonb_agg(jsonb_build_object('job_type', job_type, 'status', status, 'count', n)
        order by job_type, status)
      from (
        select job_type, status, count(*) as n from public.jobs
        where p_tenant_id is null or tenant_id = p_tenant_id
        group by job_type, status
      ) s), '[]'::jsonb),
    'due', (select count(*) from public.jobs
      where status = 'pending' and scheduled_for <= now()
        and (p_tenant_id is null or tenant_id = p_tenant_id)),
    'expired_leases', (select count(*) from public.jobs
      where status = 'processing' and locked_until < now()
        and (p_tenant_id is null or tenant_id = p_tenant_id)),
    'oldest_due_age_seconds', (select round(extract(epoch from now() - min(scheduled_for))::numeric, 3)
      from public.jobs
      where status = 'pending' and scheduled_for <= now()
        and (p_tenant_id is null or tenant_id = p_tenant_id)),
    'generated_at', now())
$$;
revoke all on function public.queue_status(uuid) from public, anon, authenticated;
grant execute on function public.queue_status(uuid) to service_role;

-- Security definer: whoever fails the job, the follow-up is written with the queue's rights.
create or replace function internal.enqueue_escalation_for_dead_letter() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_conversation_id uuid;
  v_message_id uuid;
  v_reason text;
begin
  if new.tenant_id is null then
    return null;
  end if;
  if new.job_type = 'ai_response' and internal.is_uuid(new.payload ->> 'conversation_id') then
    v_conversation_id := (new.payload ->> 'conversation_id')::uuid;
    v_reason := 'The AI could not answer: ';
  elsif new.job_type in ('send_whatsapp', 'send_instagram', 'send_facebook', 'send_tiktok')
    and internal.is_uuid(new.payload ->> 'message_id') then
    -- Only automated replies: a person whose own reply failed sees it in the thread.
    select m.conversation_id, m.id into v_conversation_id, v_message_id from public.messages m
    where m.id = (new.payload ->> 'message_id')::uuid and m.tenant_id = new.tenant_id
      and m.direction = 'outbound' and m.sender in ('ai', 'system');
    v_reason := 'The reply could not be sent: ';
  end if;
  if v_conversation_id is null then
    return null;
  end if;
  insert into public.jobs (tenant_id, job_type, payload, priority, dedupe_key)
  values (new.tenant_id, 'escalate_unanswered', jsonb_build_object('conversation_id', v_conversation_id,
    'failed_message_id', v_message_id, 'dead_job_id', new.id,
    'reason', left(v_reason || coalesce(regexp_replace(new.error_message, '^[A-Za-z]*Error: ', ''), 'unknown error'), 500)),
    10, 'escalate:' || v_conversation_id)
  on conflict (dedupe_key) where status = 'pending' and dedupe_key is not null do nothing;
  return null;
end $$;
revoke all on function internal.enqueue_escalation_for_dead_letter() from public;

-- Runs the escalate_unanswered job and completes it in one transaction. Outcomes: 'escalated'
-- (with 'fallback_message_id' when the fallback was queued), or 'not_needed' with a reason.
create or replace function public.escalate_unanswered(p_job_id uuid, p_locked_by text, p_attempts integer,
  p_conversation_id uuid, p_failed_message_id uuid, p_reason text) returns jsonb
language plpgsql security definer set search_path = '' as $$
declare
  v_job public.jobs;
  v_conv public.conversations;
  v_failed public.messages;
  v_latest public.messages;
  v_fallback text;
  v_msg public.messages;
  v_result jsonb;
  v_follow_ups jsonb := '[]'::jsonb;
begin
  select * into v_job from public.jobs where id = p_job_id;
  -- Lead before conversation, the order ingest_webhook and ai_record_reply take them in.
  perform 1 from public.leads
  where id = (select c.lead_id from public.conversations c where c.id = p_conversation_id)
  for update;
  select * into v_conv from public.conversations
  where id = p_conversation_id and tenant_id is not distinct from v_job.tenant_id
  for update;
  if p_failed_message_id is not null then
    select * into v_failed from public.messages
    where id = p_failed_message_id and conversation_id = p_conversation_id for update;
    -- The send job is dead, so nothing will settle a send still marked in flight.
    if v_failed.delivery_status = 'sending' and v_failed.platform_message_id is null then
      update public.messages set delivery_status = 'failed', failed_at = now(), error_code = 'send_unconfirmed',
        error_message = 'The send was cut off and never confirmed: check the chat before sending it again.'
      where id = v_failed.id
      returning * into v_failed;
    end if;
  end if;

  if v_conv.id is null then
    v_result := jsonb_build_object('outcome', 'not_needed', 'reason', 'conversation_missing');
  elsif v_conv.status not in ('active', 'pending') then
    v_result := jsonb_build_object('outcome', 'not_needed', 'reason', 'conversation_' || v_conv.status);
  elsif v_conv.handled_by = 'human' or v_conv.escalated_at is not null then
    v_result := jsonb_build_object('outcome', 'not_needed', 'reason', 'with_a_person');
  elsif v_failed.id is not null and v_failed.delivery_status in ('sent', 'delivered', 'read', 'played') then
    v_result := jsonb_build_object('outcome', 'not_needed', 'reason', 'reply_confirmed');
  elsif v_failed.id is not null and exists (select 1 from public.messages m
      where m.conversation_id = v_conv.id and m.direction = 'outbound' and m.created_at > v_failed.created_at
        and m.delivery_status in ('queued', 'sending', 'sent', 'delivered', 'read', 'played')) then
    v_result := jsonb_build_object('outcome', 'not_needed', 'reason', 'answered_since');
  else
    v_latest := internal.latest_inbound(v_conv.id);
    if p_failed_message_id is null and (v_latest.id is null or internal.latest_inbound_answered(v_conv.id, v_latest)) then
      v_result := jsonb_build_object('outcome', 'not_needed', 'reason', 'already_answered');
    else
      if p_failed_message_id is null then
        -- The AI never answered: the customer gets the fallback message, as on a last failed attempt.
        select nullif(btrim(a.fallback_message), '') into v_fallback from public.ai_tenant_context a
        where a.tenant_id = v_conv.tenant_id;
      end if;
      if v_fallback is not null then
        insert into public.messages (tenant_id, conversation_id, lead_id, channel, direction, sender, message_type,
          text, delivery_status)
        values (v_conv.tenant_id, v_conv.id, v_conv.lead_id, v_conv.channel, 'outbound', 'system', 'text',
          left(v_fallback, internal.channel_text_limit(v_conv.channel)), 'queued')
        returning * into v_msg;
        v_follow_ups := jsonb_build_array(jsonb_build_object('job_type', 'send_' || v_conv.channel,
          'tenant_id', v_conv.tenant_id, 'payload', jsonb_build_object('message_id', v_msg.id),
          'dedupe_key', 'send:' || v_msg.id, 'priority', 10));
      end if;
      update public.conversations set handled_by = 'human', status = 'pending', escalated_at = now(),
        escalation_reason = left(coalesce(nullif(btrim(p_reason), ''), 'A job failed'), 500),
        last_message_at = case when v_msg.id is null then last_message_at else now() end
      where id = v_conv.id;
      v_result := jsonb_build_object('outcome', 'escalated', 'fallback_message_id', v_msg.id);
    end if;
  end if;
  perform internal.finish_job(p_job_id, p_locked_by, p_attempts, v_result, v_follow_ups);
  return v_result;
end $$;
revoke all on function public.escalate_unanswered(uuid, text, integer, uuid, uuid, text)
  from public, anon, authenticated;
grant execute on function public.escalate_unanswered(uuid, text, integer, uuid, uuid, text) to service_role;

create trigger jobs_escalate_dead_letters
  after update of status on public.jobs
  for each row
  when (new.status = 'failed' and old.status is distinct from 'failed'
    and new.job_type in ('ai_response', 'send_whatsapp', 'send_instagram', 'send_facebook', 'send_tiktok'))
  execute function internal.enqueue_escalation_for_dead_letter();

-- Issue 14 §5: staff learn that Meta blocked a Page's messaging (messaging_policy_enforcement).
-- A read of its own, so the channels page's main read (dashboard_channels) stays as it is.
create or replace function public.dashboard_channel_notices(p_tenant_id uuid) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
begin
  perform internal.require_member(p_tenant_id, 'admin');
  return jsonb_build_object('policy_blocks', (
    select coalesce(jsonb_agg(jsonb_build_object('channel', c.channel, 'blocked_at', c.policy_blocked_at,
      'reason', c.policy_reason) order by c.channel), '[]'::jsonb)
    from public.channel_connections c
    where c.tenant_id = p_tenant_id and c.policy_blocked_at is not null));
end $$;
revoke all on function public.dashboard_channel_notices(uuid) from public, anon;
grant execute on function public.dashboard_channel_notices(uuid) to authenticated, service_role;
comment on function public.dashboard_channel_notices(uuid) is
  '@returns { policy_blocks: { channel: ''whatsapp'' | ''instagram'' | ''facebook'' | ''tiktok''; blocked_at: string; reason: string | null }[] }';

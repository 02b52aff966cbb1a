-- A connection marked needs_reauth (token rejected) or error stays so until a person acts.
-- Saving a new access token is that act: the dashboard and the CLI both write through
-- channel_connections, so one trigger makes a new token bring the channel back to connected
-- (sends and AI replies resume) instead of leaving it stuck until Disable/Enable.
-- While the status stands, an edit of other fields keeps the error that explains it.
create or replace function internal.channel_status_after_edit() returns trigger
language plpgsql set search_path = '' as $$
begin
  if new.status = old.status and old.status in ('needs_reauth', 'error') then
    if new.access_token_encrypted is distinct from old.access_token_encrypted
      and new.access_token_encrypted is not null then
      new.status := 'connected';
      new.last_error := null;
    elsif new.last_error is null then
      new.last_error := old.last_error;
    end if;
  end if;
  return new;
end $$;

create trigger channel_connections_new_token_reauthorizes
before update on public.channel_connections
for each row execute function internal.channel_status_after_edit();

revoke all on function internal.channel_status_after_edit() from public, anon, authenticated;

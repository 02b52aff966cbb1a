-- The save functions (20261207210000) now write app_kind explicitly and refuse an 'own' row
-- without a secret. The trigger from 20261207200100 must not hide that mistake by deriving
-- 'platform': a secret still makes a row 'own' (so raw inserts stay consistent), a row without one
-- keeps the kind it was given, and removing the secret without naming a kind goes back to
-- 'platform'.
create or replace function internal.derive_app_kind() returns trigger
language plpgsql set search_path = '' as $$
begin
  if new.webhook_secret_encrypted is not null then
    new.app_kind := 'own';
  elsif tg_op = 'UPDATE' and old.webhook_secret_encrypted is not null and new.app_kind = old.app_kind then
    new.app_kind := 'platform';
  end if;
  return new;
end $$;
revoke all on function internal.derive_app_kind() from public;

-- Supabase Realtime for the dashboard's live pages: messages and conversations join the
-- supabase_realtime publication where it exists (a Supabase project; not plain PostgreSQL).
-- Staff already have SELECT on both tables under RLS, which Realtime applies per subscriber.

do $$
declare
  t text;
begin
  if not exists (select 1 from pg_publication where pubname = 'supabase_realtime') then
    return;
  end if;
  foreach t in array array['messages', 'conversations'] loop
    if not exists (
      select 1 from pg_publication_tables
      where pubname = 'supabase_realtime' and schemaname = 'public' and tablename = t
    ) then
      execute format('alter publication supabase_realtime add table public.%I', t);
    end if;
  end loop;
end $$;

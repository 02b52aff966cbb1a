-- Finding things (issue 18 §3), part one: what search is built from.
-- unaccent and pg_trgm ship with Supabase and with the embedded PostgreSQL of local mode; they go
-- where Supabase's guides put extensions (schema `extensions`), like btree_gist before them.
create schema if not exists extensions;
create extension if not exists unaccent with schema extensions;
create extension if not exists pg_trgm with schema extensions;

-- Spanish words without their accents: "LIMPIEZA", "limpiezas" and "límpieza" share one lexeme.
-- unaccent runs first (a filtering dictionary), then the Spanish stemmer, which also lowercases.
create text search configuration internal.spanish_unaccent (copy = pg_catalog.spanish);
alter text search configuration internal.spanish_unaccent
  alter mapping for hword, hword_part, word with extensions.unaccent, pg_catalog.spanish_stem;

-- Lowercase without accents, for names, usernames and emails (trigram matching). unaccent() with
-- its dictionary named is not marked immutable (the rules file could change), so this wrapper is,
-- which indexes need; the rules file only changes with an upgrade, and a reindex follows it.
create function internal.search_fold(p_text text)
returns text
language sql
immutable parallel safe
set search_path = ''
as $$ select lower(extensions.unaccent('extensions.unaccent'::regdictionary, coalesce(p_text, ''))) $$;
revoke all on function internal.search_fold(text) from public, anon, authenticated, service_role;

-- Digits only: "+52 (55) 1234-5678" and "5215512345678" are found by "1234".
create function internal.search_digits(p_text text)
returns text
language sql
immutable parallel safe
set search_path = ''
as $$ select regexp_replace(coalesce(p_text, ''), '[^0-9]', '', 'g') $$;
revoke all on function internal.search_digits(text) from public, anon, authenticated, service_role;

-- A message's words for full text search; the index below and every query use this one function.
-- The parser keeps Spanish opening marks as part of a word ("¿Cuánto" would become '?cuant'), so
-- they become spaces first.
create function internal.message_words(p_text text)
returns tsvector
language sql
immutable parallel safe
set search_path = ''
as $$ select to_tsvector('internal.spanish_unaccent'::regconfig, translate(coalesce(p_text, ''), '¿¡', '  ')) $$;
revoke all on function internal.message_words(text) from public, anon, authenticated, service_role;

-- What a person typed, as a query: every word must appear, the last one may be unfinished
-- ("limp" finds "limpieza"). Words are folded and reduced to letters and digits first, so no
-- input is tsquery syntax. Null when nothing searchable is left (only stop words, punctuation).
create function internal.search_query(p_text text)
returns tsquery
language plpgsql
immutable parallel safe
set search_path = ''
as $$
declare
  v_words text[];
  v_query tsquery;
begin
  select array_agg(w order by n) into v_words
  from regexp_split_to_table(internal.search_fold(translate(left(p_text, 200), '¿¡', '  ')), '[^[:alnum:]]+')
    with ordinality as t(w, n)
  where w <> '';
  if v_words is null then
    return null;
  end if;
  -- Every word becomes 'word':* (a quoted literal: no operator characters reach the parser).
  v_query := to_tsquery('internal.spanish_unaccent'::regconfig,
    (select string_agg(quote_literal(w) || ':*', ' & ') from unnest(v_words[1:12]) as w));
  if numnode(v_query) = 0 then
    return null;
  end if;
  return v_query;
end $$;
revoke all on function internal.search_query(text) from public, anon, authenticated, service_role;

-- The indexes search reads: message words (GIN), names/emails and handles by trigram, phones by
-- their digits; keyset paging reads (tenant, time, id) in order.
create index messages_words_idx on public.messages using gin (internal.message_words(text));
create index leads_name_trgm_idx on public.leads
  using gin (internal.search_fold(coalesce(name, '') || ' ' || coalesce(email, '')) extensions.gin_trgm_ops);
create index leads_phone_trgm_idx on public.leads
  using gin (internal.search_digits(phone) extensions.gin_trgm_ops) where phone is not null;
create index lead_identities_handle_trgm_idx on public.lead_identities
  using gin (internal.search_fold(coalesce(username, '') || ' ' || coalesce(phone, '') || ' ' || external_id)
    extensions.gin_trgm_ops);
create index leads_keyset_idx on public.leads
  (tenant_id, (coalesce(last_message_at, '-infinity'::timestamptz)) desc, id desc);
create index conversations_keyset_idx on public.conversations
  (tenant_id, (coalesce(last_message_at, '-infinity'::timestamptz)) desc, id desc);
-- The inbox's escalated-and-open conversations come first: their own small ordered index.
create index conversations_escalated_keyset_idx on public.conversations
  (tenant_id, (coalesce(last_message_at, '-infinity'::timestamptz)) desc, id desc)
  where escalated_at is not null and status in ('active', 'pending');
-- A lead's messages, newest first: the leads list's last message and its search of common words
-- (before this only outbound messages were indexed by lead; each lead scanned the table).
create index messages_lead_idx on public.messages (lead_id, created_at);
-- Threads page backwards by (created_at, id); this replaces the (conversation_id, created_at) index.
create index messages_conversation_keyset_idx on public.messages (conversation_id, created_at, id);
drop index public.messages_conversation_idx;

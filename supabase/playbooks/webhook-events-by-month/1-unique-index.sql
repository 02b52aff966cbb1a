-- Step 1 of 3 (online). A partitioned table's primary key must include the partition key, so the
-- table that becomes the first partition needs a unique index on (id, received_at). CONCURRENTLY
-- builds it without blocking the webhook writes; it cannot run inside a transaction.
create unique index concurrently if not exists webhook_events_id_received_key
  on public.webhook_events (id, received_at);

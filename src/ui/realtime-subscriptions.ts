// What a live page listens to through Supabase Realtime: changes to these tables, only the
// rows of one tenant. Realtime also checks each row against the member's RLS (select policies)
// before sending it. The publication carries inserts and updates only (deletes are not checked
// against RLS by Realtime), see supabase/migrations/20261209400000_attention_tables.sql.

export const realtimeTables = ['messages', 'conversations', 'leads'] as const;

export type RealtimeSubscription = {
  event: 'INSERT' | 'UPDATE';
  schema: 'public';
  table: (typeof realtimeTables)[number];
  filter: string;
};

export function realtimeSubscriptions(tenantId: string): RealtimeSubscription[] {
  const filter = `tenant_id=eq.${tenantId}`;
  return realtimeTables.flatMap((table) =>
    (['INSERT', 'UPDATE'] as const).map((event) => ({ event, schema: 'public' as const, table, filter })),
  );
}

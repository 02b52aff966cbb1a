import type { SupabaseClient } from '@supabase/supabase-js';
import { realtimeSubscriptions } from './realtime-subscriptions';

// How a live page learns that something changed, without React (so a node test can drive it
// against a fake Realtime server). It polls every `intervalMs`. With Supabase Realtime it also
// joins one channel for the tenant's changes; only while that channel is joined does polling slow
// down to a safety net. When Realtime refuses the join, times out or the socket closes, polling
// goes back to full speed until realtime-js rejoins on its own.
export type LiveMode = 'polling' | 'live';

export const safetyNetMs = 30_000;

export type LiveRefreshOptions = {
  intervalMs: number;
  refresh: () => void;
  // The browser's Supabase client: it sends the signed-in member's access token to Realtime,
  // which checks every row against that member's RLS before sending it.
  realtime?: { supabase: SupabaseClient; tenantId: string };
  onMode?: (mode: LiveMode) => void;
};

export function startLiveRefresh({ intervalMs, refresh, realtime, onMode }: LiveRefreshOptions) {
  let timer: ReturnType<typeof setInterval> | undefined;
  let mode: LiveMode | undefined;
  const pollAs = (next: LiveMode) => {
    if (next === mode) return;
    mode = next;
    clearInterval(timer);
    timer = setInterval(refresh, next === 'live' ? Math.max(intervalMs, safetyNetMs) : intervalMs);
    onMode?.(next);
  };
  pollAs('polling');
  if (!realtime) return () => clearInterval(timer);

  const { supabase, tenantId } = realtime;
  let stopped = false;
  let channel: ReturnType<SupabaseClient['channel']> | undefined;
  // The join must carry the member's access token: without it Realtime authorizes the channel
  // with the anon key, RLS lets no row through and the page never hears a change. realtime-js
  // fetches the session asynchronously and would send the first join without it, so wait here.
  void supabase.realtime.setAuth().then(() => {
    if (stopped) return;
    channel = supabase.channel(`dashboard-${tenantId}`);
    for (const subscription of realtimeSubscriptions(tenantId)) {
      channel.on('postgres_changes', subscription, () => refresh());
    }
    channel.subscribe((status) => {
      if (!stopped) pollAs(status === 'SUBSCRIBED' ? 'live' : 'polling');
    });
  });
  return () => {
    stopped = true;
    clearInterval(timer);
    if (channel) void supabase.removeChannel(channel);
  };
}

'use client';

import { createBrowserClient } from '@supabase/ssr';
import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { realtimeSubscriptions } from './realtime-subscriptions';

export type RealtimeConfig = { url: string; anonKey: string; tenantId: string };

// New messages without a reload: re-render the page's server components (each render reads as
// the signed-in member, under RLS). Deployed with Supabase, a Realtime subscription to this
// tenant's messages, conversations and leads triggers it (RLS decides what the browser may hear) and
// polling slows to a safety net; locally it polls every few seconds while the tab is visible.
export function LiveRefresh({
  intervalMs = 3000,
  realtime,
}: {
  intervalMs?: number;
  realtime?: RealtimeConfig;
}) {
  const router = useRouter();
  const url = realtime?.url;
  const anonKey = realtime?.anonKey;
  const tenantId = realtime?.tenantId;
  useEffect(() => {
    let pending: ReturnType<typeof setTimeout> | undefined;
    const refresh = () => {
      if (document.visibilityState !== 'visible') return;
      clearTimeout(pending);
      pending = setTimeout(() => router.refresh(), 250);
    };
    const live = url && anonKey && tenantId;
    const timer = setInterval(refresh, live ? Math.max(intervalMs, 30_000) : intervalMs);
    let unsubscribe = () => {};
    if (live) {
      const supabase = createBrowserClient(url, anonKey);
      const channel = supabase.channel(`dashboard-${tenantId}`);
      for (const subscription of realtimeSubscriptions(tenantId)) {
        channel.on('postgres_changes', subscription, refresh);
      }
      channel.subscribe();
      unsubscribe = () => {
        void supabase.removeChannel(channel);
      };
    }
    return () => {
      clearInterval(timer);
      clearTimeout(pending);
      unsubscribe();
    };
  }, [router, intervalMs, url, anonKey, tenantId]);
  return null;
}

'use client';

import { createBrowserClient } from '@supabase/ssr';
import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { startLiveRefresh } from './live-refresh-loop';

export type RealtimeConfig = { url: string; anonKey: string; tenantId: string };

// New messages without a reload: re-render the page's server components (each render reads as
// the signed-in member, under RLS). Deployed with Supabase, a Realtime subscription to this
// tenant's messages, conversations and leads triggers it and polling slows to a safety net while
// the channel is joined; locally, or while Realtime is down, it polls every few seconds (only
// refreshing while the tab is visible). The loop itself is in live-refresh-loop.ts.
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
    // The browser client reads the member's session from the auth cookies and sends its access
    // token to Realtime (join payload, then access_token on refresh), so RLS applies per member.
    const live =
      url && anonKey && tenantId ? { supabase: createBrowserClient(url, anonKey), tenantId } : undefined;
    const stop = startLiveRefresh({ intervalMs, refresh, realtime: live });
    return () => {
      stop();
      clearTimeout(pending);
    };
  }, [router, intervalMs, url, anonKey, tenantId]);
  return null;
}

'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

// New messages without a reload: re-render the page's server components every few seconds
// while the tab is visible (each render reads as the signed-in member, under RLS).
export function LiveRefresh({ intervalMs = 3000 }: { intervalMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') router.refresh();
    }, intervalMs);
    return () => clearInterval(timer);
  }, [router, intervalMs]);
  return null;
}

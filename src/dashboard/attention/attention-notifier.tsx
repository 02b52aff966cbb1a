'use client';

import { useEffect } from 'react';

type LatestEvent = {
  id: string;
  kind: 'escalation' | 'hot_lead' | 'mention';
  conversation_id: string | null;
} | null;

// Shows the newest attention event once as a browser notification (and a short sound if the
// member wants it) while the dashboard is open. The last event seen is kept per business in
// localStorage: a first visit announces nothing old, and a second tab does not repeat it.
export function AttentionNotifier({
  event,
  sound,
  tenantSlug,
  texts,
}: {
  event: LatestEvent;
  sound: boolean;
  tenantSlug: string;
  texts: { escalation: [string, string]; hot_lead: [string, string]; mention: [string, string] };
}) {
  const id = event?.id ?? 'none';
  const kind = event?.kind;
  const conversationId = event?.conversation_id;
  useEffect(() => {
    const key = `attention-seen:${tenantSlug}`;
    const seen = window.localStorage.getItem(key);
    window.localStorage.setItem(key, id);
    if (seen === null || seen === id || !kind) return;
    const href = conversationId ? `/t/${tenantSlug}/inbox/${conversationId}` : `/t/${tenantSlug}/inbox`;
    const [title, body] = texts[kind];
    if ('Notification' in window && Notification.permission === 'granted') {
      const notice = new Notification(title, { body, tag: id, icon: '/icon-192.png' });
      notice.onclick = () => {
        window.focus();
        window.location.assign(href);
      };
    }
    if (sound) playChime();
  }, [id, kind, conversationId, sound, tenantSlug, texts]);
  return null;
}

function playChime(): void {
  try {
    const audio = new AudioContext();
    const tone = audio.createOscillator();
    const gain = audio.createGain();
    tone.frequency.value = 880;
    gain.gain.setValueAtTime(0.15, audio.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.6);
    tone.connect(gain).connect(audio.destination);
    tone.start();
    tone.stop(audio.currentTime + 0.6);
    tone.onended = () => void audio.close();
  } catch {
    // No audio (autoplay blocked before any click): the notification and the counts remain.
  }
}

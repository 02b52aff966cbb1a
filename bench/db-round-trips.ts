import type { DbCallCounts } from '@/src/db/counting-db-port';
import { type BenchRow, round } from './measure';
import type { CountsWindow } from './webhook-ack-bench';

// Database round trips, counted by the app's counting port (BENCH_ENDPOINTS=1: every rpc() is
// one round trip) between two snapshots. Each SQL function belongs to one step; a function this
// table does not know stops the bench, so the split cannot go stale silently.

const steps: Record<string, string[]> = {
  ack: ['webhook_connection', 'ingest_webhook', 'ingest_platform_webhook', 'record_webhook_event'],
  claim: ['claim_jobs'],
  finish: ['complete_job', 'complete_jobs', 'fail_job'],
  ai_response: ['ai_load_context', 'ai_spend_status', 'ai_record_reply'],
  send_whatsapp: [
    'outbound_begin_send',
    'outbound_record_sent',
    'outbound_record_send_failure',
    'outbound_deliver_sandbox',
  ],
  // Rare in a bench run (a dead letter's hand-off, hourly retention, profile fetches), but they
  // must not stop it when they happen.
  other: [
    'escalate_unanswered',
    'enqueue_purge_expired',
    'purge_expired_rows',
    'enqueue_job',
    'queue_status',
    'profile_load_context',
    'profile_record',
    'channel_mark_needs_reauth',
  ],
};

const known = new Set(Object.values(steps).flat());

function delta(after: Record<string, number>, before: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(after).map(([key, n]) => [key, n - (before[key] ?? 0)]));
}

/** Adds up count windows (several loads) into one before/after pair. */
export function sumWindows(windows: CountsWindow[]): CountsWindow {
  const add = (key: keyof DbCallCounts) => {
    const total: Record<string, number> = {};
    for (const window of windows) {
      for (const [name, n] of Object.entries(delta(window.after[key], window.before[key]))) {
        total[name] = (total[name] ?? 0) + n;
      }
    }
    return total;
  };
  return {
    before: { calls: {}, failed: {}, claimed_jobs: {} },
    after: { calls: add('calls'), failed: add('failed'), claimed_jobs: add('claimed_jobs') },
    deliveries: windows.reduce((total, window) => total + window.deliveries, 0),
    replies: windows.reduce((total, window) => total + window.replies, 0),
  };
}

export function roundTripRows(noAi: CountsWindow, ai: CountsWindow, label: string): BenchRow[] {
  const counted = (window: CountsWindow) => {
    const calls = delta(window.after.calls, window.before.calls);
    const unknown = Object.keys(calls).filter((name) => calls[name]! > 0 && !known.has(name));
    if (unknown.length > 0)
      throw new Error(`classify these SQL functions in bench/db-round-trips.ts: ${unknown}`);
    const sum = (step: string) => steps[step]!.reduce((total, name) => total + (calls[name] ?? 0), 0);
    const detail = (step: string) =>
      steps[step]!.filter((name) => calls[name])
        .map((name) => `${name} ${calls[name]}`)
        .join(', ');
    return { calls, sum, detail, claimed: delta(window.after.claimed_jobs, window.before.claimed_jobs) };
  };
  const off = counted(noAi);
  const on = counted(ai);
  const jobs = Object.values(on.claimed).reduce((total, n) => total + n, 0);
  const total = Object.values(on.calls).reduce((all, n) => all + n, 0);
  const row = (metric: string, value: number, note: string, baseline?: number): BenchRow => ({
    suite: 'db',
    metric: `${metric} (${label})`,
    value: round(value, 3),
    unit: 'calls',
    ...(baseline !== undefined && {
      baseline,
      baselineName: 'bare node:http',
      ratio: round(value / baseline, 3),
    }),
    note,
  });
  const perJob = (kind: string) => on.sum(kind) / (on.claimed[kind] ?? 0);
  return [
    row(
      'round trips per webhook delivery, ack path, AI off',
      off.sum('ack') / noAi.deliveries,
      `${noAi.deliveries} deliveries: ${off.detail('ack')}; after() claims: ${off.detail('claim') || 'none'}`,
      1,
    ),
    row(
      'round trips per webhook delivery, ack path, AI replies',
      on.sum('ack') / ai.deliveries,
      `${ai.deliveries} deliveries: ${on.detail('ack')}`,
      1,
    ),
    row(
      'round trips per ai_response job',
      perJob('ai_response'),
      `${on.claimed.ai_response ?? 0} jobs: ${on.detail('ai_response')}; plus the queue's share`,
    ),
    row(
      'round trips per send_whatsapp job',
      perJob('send_whatsapp'),
      `${on.claimed.send_whatsapp ?? 0} jobs: ${on.detail('send_whatsapp')}; plus the queue's share`,
    ),
    row(
      'queue round trips per job (claim + complete/fail)',
      (on.sum('claim') + on.sum('finish')) / jobs,
      `${jobs} jobs claimed: ${on.detail('claim')}, ${on.detail('finish')} (ai_response completes inside ai_record_reply)`,
    ),
    row(
      'claim_jobs calls per delivery, AI replies',
      (on.calls.claim_jobs ?? 0) / ai.deliveries,
      `${on.calls.claim_jobs ?? 0} claims for ${ai.deliveries} deliveries handing out ${jobs} jobs; goal (issue 19) <= 1`,
    ),
    row(
      'round trips per reply sent, webhook to send',
      total / ai.replies,
      `${total} calls for ${ai.replies} replies sent; other: ${on.detail('other') || 'none'}`,
    ),
  ];
}

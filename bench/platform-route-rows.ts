import type { DbCallCounts } from '@/src/db/counting-db-port';
import { type BenchRow, round } from './measure';

// The platform app's route (/api/webhook/meta) against the per-tenant route, both AI off, in the
// same closed loop: it must cost the same single database round trip per delivery, and about
// the same throughput.

const ackFunctions = [
  'webhook_connection',
  'ingest_webhook',
  'ingest_platform_webhook',
  'record_webhook_event',
];

export function ackRoundTrips(before: DbCallCounts, after: DbCallCounts, requests: number) {
  const calls = ackFunctions
    .map((name) => [name, (after.calls[name] ?? 0) - (before.calls[name] ?? 0)] as const)
    .filter(([, n]) => n > 0);
  const total = calls.reduce((sum, [, n]) => sum + n, 0);
  return {
    perRequest: round(total / requests, 3),
    detail: calls.map(([name, n]) => `${name} ${n}`).join(', ') || 'none',
  };
}

type Measured = { perSecond: number; requests: number; roundTrips?: { perRequest: number; detail: string } };

export function platformRouteRows(breakdown: Record<string, Measured>, label: string): BenchRow[] {
  const platform = breakdown.webhookPlatform;
  const tenant = breakdown.webhookNoAi;
  if (!platform?.roundTrips || !tenant?.roundTrips) return [];
  return [
    {
      suite: 'db',
      metric: `round trips per webhook delivery, app-level route vs per-tenant route, AI off (${label})`,
      value: platform.roundTrips.perRequest,
      unit: 'calls',
      baseline: tenant.roundTrips.perRequest,
      baselineName: 'per-tenant route',
      ratio: round(platform.roundTrips.perRequest / tenant.roundTrips.perRequest, 3),
      note: `${platform.requests} deliveries: ${platform.roundTrips.detail}; per-tenant ${tenant.requests}: ${tenant.roundTrips.detail}`,
    },
    {
      suite: 'webhook',
      metric: `throughput, app-level route vs per-tenant route, AI off (${label})`,
      value: platform.perSecond,
      unit: 'req/s',
      baseline: tenant.perSecond,
      baselineName: 'per-tenant route',
      ratio: round(platform.perSecond / tenant.perSecond),
      note: 'same delivery mix, same build, same run; ratio = value/baseline throughput',
    },
  ];
}

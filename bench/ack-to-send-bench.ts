import type { BenchStack } from './bench-stack';
import { runClosedLoop } from './http-load';
import { type BenchRow, percentile, round, timeMs } from './measure';
import { benchSecret, tenants } from './seed-bench-tenants';
import type { Ack } from './webhook-ack-bench';
import { createDeliveryMix } from './whatsapp-deliveries';

// Webhook ack -> send call started, on the built app: a signed WhatsApp message from a new
// person is acknowledged (200), then what after() runs (ai_response with the fake Claude
// answering at once, then send_whatsapp) until the fake Graph API receives the send. Measured
// one message at a time (idle; baseline: the two bare loopback round trips, Claude + Graph,
// the path cannot avoid) and for the new people's messages during the open-loop webhook load
// (baseline: idle). A message never answered counts as infinitely late.

const sendLimitMs = 30_000;

export async function measureIdleAckToSend(
  stack: BenchStack,
  options: { samples: number; run: number },
): Promise<{ rows: BenchRow[]; idle: number[] }> {
  const mix = createDeliveryMix({
    path: `/api/webhook/whatsapp/${tenants.ai.slug}`,
    phoneNumberId: tenants.ai.phoneNumberId,
    secret: benchSecret,
    run: options.run,
  });
  const latencies: number[] = [];
  while (latencies.length < options.samples) {
    const delivery = mix.next();
    if (delivery.kind !== 'new_user') continue;
    const sendStarted = stack.graph.waitForSend(delivery.waId!, sendLimitMs);
    const [answer] = (
      await runClosedLoop({
        baseUrl: stack.app.baseUrl,
        connections: 1,
        durationMs: sendLimitMs,
        maxRequests: 1,
        next: () => delivery,
      })
    ).samples;
    if (answer?.status !== 200) throw new Error(`webhook answered ${answer?.status}: ${answer?.body}`);
    latencies.push(((await sendStarted) ?? Number.POSITIVE_INFINITY) - answer.doneAt);
  }
  await stack.waitForIdleQueue(5_000, 60_000);
  const baselines: number[] = [];
  for (let i = 0; i < options.samples; i += 1) {
    baselines.push(
      await timeMs(async () => {
        await (await fetch(`${stack.claude.url}/v1/messages`, { method: 'POST', body: '{}' })).text();
        await (await fetch(`${stack.graph.url}/v26.0/1/messages`, { method: 'POST', body: '{}' })).text();
      }),
    );
  }
  const rows = [50, 99].map(
    (p): BenchRow => ({
      suite: 'reply',
      metric: `ack -> Graph send started, idle, p${p} (${options.samples} messages, one at a time)`,
      value: round(percentile(latencies, p)),
      unit: 'ms',
      baseline: round(percentile(baselines, p)),
      baselineName: 'loopback Claude + Graph',
      ratio: round(percentile(latencies, p) / percentile(baselines, p)),
      note: 'fake Claude answers at once; baseline: the two bare loopback round trips the path cannot avoid',
    }),
  );
  return { rows, idle: latencies };
}

/** After the load's queue is idle: each new person's ack to the first send to them. */
export function ackToSendUnderLoad(
  stack: BenchStack,
  acks: Ack[],
  idle: number[],
  label: string,
  swept: number,
): BenchRow[] {
  const latencies = acks.map(
    ({ waId, ackAt }) => (stack.graph.firstSendAt.get(waId) ?? Number.POSITIVE_INFINITY) - ackAt,
  );
  const missing = latencies.filter((latency) => !Number.isFinite(latency)).length;
  return [50, 99].map(
    (p): BenchRow => ({
      suite: 'reply',
      metric: `ack -> Graph send started at ${label}, p${p} (${acks.length} new people)`,
      value: round(percentile(latencies, p)),
      unit: 'ms',
      baseline: round(percentile(idle, p)),
      baselineName: 'idle',
      ratio: round(percentile(latencies, p) / percentile(idle, p)),
      note: `never sent: ${missing}; jobs left for the cron sweep: ${swept}; ratio = under load / idle`,
    }),
  );
}

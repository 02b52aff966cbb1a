import type { Delivery } from './whatsapp-deliveries';

// Posts deliveries the way Meta does: a few at a time, and anything not answered 200 (a 5xx,
// a refused or cut connection) is sent again later until it is. Bounded by attempts per
// delivery and by an overall deadline, so it always stops.

export type DeliveryLog = {
  delivery: Delivery;
  attempts: number;
  acked: boolean;
  statuses: Array<number | 'network'>;
  outcome?: string;
};

export type LoadOptions = {
  baseUrl: () => string;
  path: string;
  concurrency: number;
  maxAttempts: number;
  deadlineMs: number;
  retryDelayMs?: number;
  /** Also send an already acknowledged delivery again now and then (Meta's duplicates). */
  replayEvery?: number;
  onAck?: (acked: number) => void;
};

async function postOnce(
  options: LoadOptions,
  delivery: Delivery,
): Promise<{ status: number | 'network'; outcome?: string }> {
  try {
    const response = await fetch(`${options.baseUrl()}${options.path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': delivery.signature },
      body: delivery.body,
      signal: AbortSignal.timeout(15_000),
    });
    const body = (await response.json().catch(() => ({}))) as { outcome?: string };
    return { status: response.status, outcome: body.outcome };
  } catch {
    return { status: 'network' };
  }
}

export async function deliverLikeMeta(deliveries: Delivery[], options: LoadOptions): Promise<DeliveryLog[]> {
  const logs = deliveries.map(
    (delivery): DeliveryLog => ({ delivery, attempts: 0, acked: false, statuses: [] }),
  );
  const queue = [...logs];
  const deadline = Date.now() + options.deadlineMs;
  let acked = 0;
  let sent = 0;
  const worker = async () => {
    while (Date.now() < deadline) {
      const log = queue.shift();
      if (!log) return;
      log.attempts += 1;
      sent += 1;
      const { status, outcome } = await postOnce(options, log.delivery);
      log.statuses.push(status);
      if (status === 200) {
        if (!log.acked) {
          log.acked = true;
          log.outcome = outcome;
          acked += 1;
          options.onAck?.(acked);
        }
        if (options.replayEvery && sent % options.replayEvery === 0) await postOnce(options, log.delivery);
        continue;
      }
      if (log.attempts >= options.maxAttempts) continue;
      await new Promise((resolve) => setTimeout(resolve, options.retryDelayMs ?? 250));
      queue.push(log);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return logs;
}

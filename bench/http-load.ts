import http from 'node:http';

// The load generator: keep-alive HTTP/1.1 on loopback. Open loop: requests leave on a fixed
// schedule whatever the answers do (no coordinated omission: a slow server cannot slow the
// arrivals), over as many sockets as needed; how late each left is reported. Closed loop: N
// connections, each posting when its previous answer arrived. autocannon's rate limit is a
// per-second budget (bursts at each second), so it cannot do an even 100 req/s; hence this small
// client. Both loops stop by themselves, by count and by time.

export type LoadRequest = { path: string; body: string; headers: Record<string, string> };

export type LoadSample = {
  index: number;
  status: number;
  latencyMs: number;
  /** performance.now() when the whole answer had arrived. */
  doneAt: number;
  body: string;
};

/** sendLags: how late each request left against its schedule (the generator's own health). */
export type OpenLoopResult = { samples: LoadSample[]; sendLags: number[]; unsent: number; elapsedMs: number };
export type ClosedLoopResult = { samples: LoadSample[]; elapsedMs: number; perSecond: number };

function post(agent: http.Agent, baseUrl: string, request: LoadRequest, timeoutMs: number) {
  return new Promise<{ status: number; body: string }>((resolve) => {
    const req = http.request(
      `${baseUrl}${request.path}`,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', ...request.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
        res.on('error', () => resolve({ status: 0, body: '' }));
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve({ status: 0, body: '' }));
    req.end(request.body);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `rate` requests per second for `durationMs`, evenly spaced; status 0 = no answer in time.
 * An overloaded server (more than `maxInFlight` unanswered) ends the run early: `unsent` says how many never left.
 */
export async function runOpenLoop(options: {
  baseUrl: string;
  rate: number;
  durationMs: number;
  next: (index: number) => LoadRequest;
  timeoutMs?: number;
  maxInFlight?: number;
}): Promise<OpenLoopResult> {
  const count = Math.max(1, Math.round((options.rate * options.durationMs) / 1000));
  const interval = 1000 / options.rate;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
  const samples: LoadSample[] = [];
  const inFlight: Promise<void>[] = [];
  const sendLags: number[] = [];
  const start = performance.now() + 20;
  let answered = 0;
  let unsent = 0;
  for (let index = 0; index < count; index += 1) {
    if (index - answered > (options.maxInFlight ?? 2_000)) {
      unsent = count - index;
      break;
    }
    const due = start + index * interval;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const request = options.next(index);
    const sent = performance.now();
    sendLags.push(sent - due);
    inFlight.push(
      post(agent, options.baseUrl, request, options.timeoutMs ?? 30_000).then(({ status, body }) => {
        const doneAt = performance.now();
        answered += 1;
        samples.push({ index, status, latencyMs: doneAt - sent, doneAt, body });
      }),
    );
  }
  await Promise.all(inFlight);
  agent.destroy();
  return { samples, sendLags, unsent, elapsedMs: performance.now() - start };
}

/** `connections` loops, each posting as soon as its previous answer arrived, until time or count. */
export async function runClosedLoop(options: {
  baseUrl: string;
  connections: number;
  durationMs: number;
  maxRequests: number;
  next: (index: number) => LoadRequest;
  timeoutMs?: number;
}): Promise<ClosedLoopResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const samples: LoadSample[] = [];
  const start = performance.now();
  const stopAt = start + options.durationMs;
  let issued = 0;
  const loop = async () => {
    while (issued < options.maxRequests && performance.now() < stopAt) {
      const index = issued;
      issued += 1;
      const sent = performance.now();
      const { status, body } = await post(
        agent,
        options.baseUrl,
        options.next(index),
        options.timeoutMs ?? 30_000,
      );
      const doneAt = performance.now();
      samples.push({ index, status, latencyMs: doneAt - sent, doneAt, body });
    }
  };
  await Promise.all(Array.from({ length: options.connections }, loop));
  const elapsedMs = performance.now() - start;
  agent.destroy();
  return { samples, elapsedMs, perSecond: (samples.length / elapsedMs) * 1000 };
}

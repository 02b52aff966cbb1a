import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { pathToFileURL } from 'node:url';
import { connectChannel } from '@/src/channels/connect-channel';
import { setDb } from '@/src/db/get-db';
import { createPgPool, createPgPort } from '@/src/db/pg-rpc';
import { getEnv, setEnvForProcess } from '@/src/env';
import { processTenantSoon } from '@/src/jobs/process-tenant-soon';
import { receiveWebhook } from '@/src/webhooks/receive-webhook';
import { type BenchServer, startBenchServer } from './bench-database';
import { type BenchRow, percentile, round, timeMs } from './measure';

// Webhook ack → send call started (issue 5): a signed WhatsApp delivery goes through the
// webhook's receive path (200 = ack), then what after() runs (processTenantSoon): ai_response
// with a fake Claude that answers at once, then send_whatsapp to a fake Graph API. The latency
// is from the ack to the moment the Graph request arrives. Baseline: the two bare loopback
// HTTP round trips (Claude + Graph) the path cannot avoid, measured in the same run.
// Standalone: `npx tsx bench/ack-to-send-bench.ts [samples]`.

const answer = JSON.stringify({
  reply: 'Claro, MXN 800.',
  intent: 'pricing',
  signals: ['interested'],
  escalate: false,
  escalation_reason: '',
});

function listen(handler: (req: IncomingMessage, res: ServerResponse) => void) {
  const server = createServer(handler);
  return new Promise<{ url: string; close: () => void }>((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({ url: `http://127.0.0.1:${port}`, close: () => server.close() });
    }),
  );
}

function drain(req: IncomingMessage, then: () => void) {
  req.resume();
  req.on('end', then);
}

export async function runAckToSendBench(
  server: BenchServer,
  options: { samples: number },
): Promise<BenchRow[]> {
  let onGraph: (() => void) | undefined;
  const claude = await listen((req, res) =>
    drain(req, () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          id: 'msg_bench',
          type: 'message',
          role: 'assistant',
          model: 'claude-haiku-5-5',
          content: [{ type: 'text', text: answer }],
          stop_reason: 'end_turn',
          stop_sequence: null,
          usage: { input_tokens: 1, output_tokens: 1 },
        }),
      );
    }),
  );
  const graph = await listen((req, res) => {
    onGraph?.();
    drain(req, () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          messaging_product: 'whatsapp',
          messages: [{ id: `wamid.${randomBytes(8).toString('hex')}` }],
        }),
      );
    });
  });
  const secret = 'bench-app-secret';
  setEnvForProcess({
    ANTHROPIC_API_KEY: 'sk-ant-bench',
    ANTHROPIC_BASE_URL: claude.url,
    GRAPH_API_BASE_URL: graph.url,
    ENCRYPTION_KEY: getEnv().ENCRYPTION_KEY ?? randomBytes(32).toString('base64'),
  });
  const db = createPgPort(createPgPool(await server.createDatabase('bench_ack_to_send'), 10));
  setDb(db);
  try {
    await db.rpc('admin_create_tenant', { p_slug: 'bench-ack', p_name: 'Bench' });
    await connectChannel(db, getEnv().ENCRYPTION_KEY!, {
      tenantSlug: 'bench-ack',
      channel: 'whatsapp',
      mode: 'live',
      phoneNumberId: '100200300',
      accessToken: 'bench-token',
      appSecret: secret,
    });
    const latencies: number[] = [];
    for (let i = 0; i < options.samples; i += 1) {
      const waId = String(5215500000000 + i);
      const body = JSON.stringify({
        object: 'whatsapp_business_account',
        entry: [
          {
            id: '1',
            changes: [
              {
                field: 'messages',
                value: {
                  messaging_product: 'whatsapp',
                  metadata: { display_phone_number: '1', phone_number_id: '100200300' },
                  contacts: [{ profile: { name: 'B' }, wa_id: waId }],
                  messages: [
                    {
                      from: waId,
                      id: `wamid.in${i}${randomBytes(4).toString('hex')}`,
                      timestamp: String(Math.floor(Date.now() / 1000)),
                      type: 'text',
                      text: { body: '¿Precio de limpieza?' },
                    },
                  ],
                },
              },
            ],
          },
        ],
      });
      const request = new Request('http://bench.local/api/webhook/whatsapp/bench-ack', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-hub-signature-256': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`,
        },
        body,
      });
      const { response, processTenantId } = await receiveWebhook(request, 'whatsapp', 'bench-ack');
      const acked = performance.now();
      if (response.status !== 200 || !processTenantId) throw new Error(`webhook answered ${response.status}`);
      const sendStarted = new Promise<number>((resolve) => {
        onGraph = () => resolve(performance.now());
      });
      await processTenantSoon(processTenantId);
      latencies.push((await sendStarted) - acked);
    }
    const baselines: number[] = [];
    for (let i = 0; i < options.samples; i += 1) {
      baselines.push(
        await timeMs(async () => {
          await (await fetch(`${claude.url}/v1/messages`, { method: 'POST', body: '{}' })).text();
          await (await fetch(`${graph.url}/v26.0/1/messages`, { method: 'POST', body: '{}' })).text();
        }),
      );
    }
    const row = (p: number): BenchRow => ({
      suite: 'reply',
      metric: `webhook ack -> Graph send started, p${p} (${options.samples} messages, instant fake AI)`,
      value: round(percentile(latencies, p)),
      unit: 'ms',
      baseline: round(percentile(baselines, p)),
      ratio: round(percentile(latencies, p) / percentile(baselines, p)),
      note: 'baseline: the bare loopback Claude + Graph round trips; ratio = path/baseline time',
    });
    return [row(50), row(99)];
  } finally {
    setDb(undefined);
    await db.close();
    claude.close();
    graph.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  setEnvForProcess({ LOG_LEVEL: 'warn' });
  const server = await startBenchServer();
  try {
    for (const row of await runAckToSendBench(server, { samples: Number(process.argv[2] ?? 50) })) {
      console.log(
        `${row.metric}: ${row.value} ${row.unit} (baseline ${row.baseline} ${row.unit}, ${row.ratio}x)`,
      );
    }
  } finally {
    await server.stop();
  }
  process.exit(0);
}

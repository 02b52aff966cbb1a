import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import pg from 'pg';

// The floor for a webhook on this machine: a bare node:http server that does what any correct
// webhook must (read the raw body, check the X-Hub-Signature-256 HMAC in constant time, parse
// the JSON, store it in ONE insert, answer) and nothing else: no framework, no validation, no
// normalising, no lead/conversation/job. Started by the bench as its own process:
// `node --import tsx bench/bare-webhook-server.ts --port P --database-url U --secret S`.

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    'database-url': { type: 'string' },
    secret: { type: 'string' },
    pool: { type: 'string', default: '10' },
  },
});
const secret = values.secret ?? '';
const pool = new pg.Pool({ connectionString: values['database-url'], max: Number(values.pool) });

const tableSql =
  'create table if not exists bench_bare_deliveries (id bigserial primary key, received_at timestamptz not null default now(), body jsonb not null)';

function signatureOk(body: Buffer, header: string | undefined): boolean {
  const hex = header?.startsWith('sha256=') ? header.slice(7) : '';
  if (!/^[0-9a-f]{64}$/i.test(hex)) return false;
  const expected = createHmac('sha256', secret).update(body).digest();
  return timingSafeEqual(expected, Buffer.from(hex, 'hex'));
}

const server = createServer((req, res) => {
  const answer = (status: number, body: object) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  if (req.method === 'GET') return answer(200, { ok: true });
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', async () => {
    const raw = Buffer.concat(chunks);
    if (!signatureOk(raw, req.headers['x-hub-signature-256'] as string | undefined)) {
      return answer(401, { ok: false });
    }
    const text = raw.toString('utf8');
    try {
      JSON.parse(text);
    } catch {
      return answer(400, { ok: false });
    }
    try {
      await pool.query('insert into bench_bare_deliveries (body) values ($1::jsonb)', [text]);
      answer(200, { ok: true });
    } catch {
      answer(500, { ok: false });
    }
  });
});
server.keepAliveTimeout = 60_000;
await pool.query(tableSql);
server.listen(Number(values.port), '127.0.0.1');
process.on('SIGTERM', () => {
  server.close();
  void pool.end().then(() => process.exit(0));
});

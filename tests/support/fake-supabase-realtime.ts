import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

// Supabase Realtime on 127.0.0.1, as @supabase/realtime-js speaks to it (Phoenix channels over a
// websocket at /realtime/v1/websocket?apikey=<anon key>&vsn=<1.0.0|2.0.0>). vsn 2.0.0 (the
// client's default) frames are JSON arrays [join_ref, ref, topic, event, payload]; 1.0.0 frames
// are JSON objects with the same fields. It answers heartbeats (topic "phoenix"), phx_join with
// {status:'ok', response:{postgres_changes:[{id, event, schema, table, filter}]}} (or an error
// when told to refuse), phx_leave, and keeps access_token pushes. Like Realtime it decides on
// the server which subscriptions a row change matches (published table, event, `col=eq.value`
// filter) and sends 'postgres_changes' {ids, data:{type, schema, table, record, ...}} only to them.

export type PostgresChangesFilter = { event: string; schema: string; table: string; filter?: string };
export type Join = { topic: string; accessToken?: string; postgresChanges: PostgresChangesFilter[] };
export type RowChange = {
  type: 'INSERT' | 'UPDATE' | 'DELETE';
  table: string;
  record: Record<string, unknown>;
};
type Payload = {
  config?: { postgres_changes?: PostgresChangesFilter[] };
  access_token?: string;
  [key: string]: unknown;
};
type Frame = { join_ref: string | null; ref: string | null; topic: string; event: string; payload: Payload };
type Subscription = PostgresChangesFilter & { id: number; socket: WebSocket; topic: string; vsn: string };

export type FakeSupabaseRealtime = {
  /** The Supabase project URL to give createBrowserClient. */
  url: string;
  joins: Join[];
  accessTokens: { topic: string; token: string }[];
  heartbeats: () => number;
  /** Delivers a committed row change; returns how many subscriptions it reached. */
  pushChange: (change: RowChange) => number;
  refuseJoins: (reason: string | null) => void;
  /** Closes every socket and refuses new ones until `comeBack`. */
  goDown: () => void;
  comeBack: () => void;
  close: () => Promise<void>;
};

export async function startFakeSupabaseRealtime(options: {
  anonKey: string;
  publishedTables: readonly string[];
  publishedEvents?: readonly RowChange['type'][];
}): Promise<FakeSupabaseRealtime> {
  const events = options.publishedEvents ?? ['INSERT', 'UPDATE'];
  const joins: Join[] = [];
  const accessTokens: FakeSupabaseRealtime['accessTokens'] = [];
  let subscriptions: Subscription[] = [];
  let heartbeats = 0;
  let nextId = 1;
  let refusal: string | null = null;
  let down = false;
  const server = createServer((_request, response) => response.writeHead(404).end());
  const wss = new WebSocketServer({ noServer: true });

  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://fake');
    const vsn = url.searchParams.get('vsn') ?? '1.0.0';
    const ok =
      url.pathname === '/realtime/v1/websocket' && url.searchParams.get('apikey') === options.anonKey;
    if (down || !ok || !['1.0.0', '2.0.0'].includes(vsn)) {
      socket.end(
        `HTTP/1.1 ${down ? '503 Service Unavailable' : '403 Forbidden'}\r\nConnection: close\r\n\r\n`,
      );
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => serve(ws, vsn));
  });

  const send = (ws: WebSocket, vsn: string, frame: Frame) => {
    const { join_ref, ref, topic, event, payload } = frame;
    ws.send(JSON.stringify(vsn === '2.0.0' ? [join_ref, ref, topic, event, payload] : frame));
  };
  const reply = (ws: WebSocket, vsn: string, frame: Frame, status: string, response: object) =>
    send(ws, vsn, { ...frame, event: 'phx_reply', payload: { status, response } });

  function serve(ws: WebSocket, vsn: string) {
    ws.on('close', () => {
      subscriptions = subscriptions.filter((s) => s.socket !== ws);
    });
    ws.on('message', (data, isBinary) => {
      if (isBinary) return; // binary frames carry user broadcasts only, not used here
      const raw = JSON.parse(data.toString()) as unknown;
      const frame = (
        Array.isArray(raw)
          ? { join_ref: raw[0], ref: raw[1], topic: raw[2], event: raw[3], payload: raw[4] }
          : raw
      ) as Frame;
      if (frame.topic === 'phoenix' && frame.event === 'heartbeat') {
        heartbeats += 1;
        return reply(ws, vsn, frame, 'ok', {});
      }
      if (frame.event === 'phx_join') return join(ws, vsn, frame);
      if (frame.event === 'access_token') {
        accessTokens.push({ topic: frame.topic, token: String(frame.payload.access_token) });
        return;
      }
      if (frame.event === 'phx_leave') {
        subscriptions = subscriptions.filter((s) => !(s.socket === ws && s.topic === frame.topic));
        return reply(ws, vsn, frame, 'ok', {});
      }
    });
  }

  function join(ws: WebSocket, vsn: string, frame: Frame) {
    const requested: PostgresChangesFilter[] = frame.payload?.config?.postgres_changes ?? [];
    joins.push({ topic: frame.topic, accessToken: frame.payload?.access_token, postgresChanges: requested });
    if (refusal) return reply(ws, vsn, frame, 'error', { reason: refusal });
    const granted = requested.map((filter) => ({ ...filter, id: nextId++ }));
    subscriptions = subscriptions.filter((s) => !(s.socket === ws && s.topic === frame.topic));
    subscriptions.push(...granted.map((g) => ({ ...g, socket: ws, topic: frame.topic, vsn })));
    reply(ws, vsn, frame, 'ok', { postgres_changes: granted });
    send(ws, vsn, {
      join_ref: frame.join_ref,
      ref: null,
      topic: frame.topic,
      event: 'system',
      payload: {
        channel: frame.topic.replace(/^realtime:/, ''),
        extension: 'postgres_changes',
        message: 'Subscribed to PostgreSQL',
        status: 'ok',
      },
    });
  }

  const matches = (s: Subscription, change: RowChange) => {
    if (s.schema !== 'public' || s.table !== change.table) return false;
    if (s.event !== '*' && s.event !== change.type) return false;
    if (!s.filter) return true;
    const [, column, value] = /^(\w+)=eq\.(.*)$/.exec(s.filter) ?? [];
    return column !== undefined && String(change.record[column]) === value;
  };

  function pushChange(change: RowChange): number {
    if (!options.publishedTables.includes(change.table) || !events.includes(change.type)) return 0;
    const reached = subscriptions.filter((s) => matches(s, change));
    for (const socket of new Set(reached.map((s) => s.socket))) {
      const mine = reached.filter((s) => s.socket === socket);
      const columns = Object.keys(change.record).map((name) => ({ name, type: 'text' }));
      const data = {
        type: change.type,
        schema: 'public',
        table: change.table,
        commit_timestamp: new Date().toISOString(),
        columns,
        record: change.record,
        ...(change.type === 'UPDATE' ? { old_record: { id: change.record.id } } : {}),
        errors: null,
      };
      for (const topic of new Set(mine.map((s) => s.topic))) {
        const ids = mine.filter((s) => s.topic === topic).map((s) => s.id);
        send(socket, mine[0]!.vsn, {
          join_ref: null,
          ref: null,
          topic,
          event: 'postgres_changes',
          payload: { ids, data },
        });
      }
    }
    return reached.length;
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    joins,
    accessTokens,
    heartbeats: () => heartbeats,
    pushChange,
    refuseJoins: (reason) => {
      refusal = reason;
    },
    goDown: () => {
      down = true;
      for (const client of wss.clients) client.terminate();
    },
    comeBack: () => {
      down = false;
    },
    close: async () => {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => server.close(() => resolve())));
    },
  };
}

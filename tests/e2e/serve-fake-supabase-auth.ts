import { createServer, type IncomingMessage } from 'node:http';
import { getResponse } from 'msw';
import type { Pool } from 'pg';
import { createFakeSupabaseAuth, type FakeSupabaseAuth } from '../dashboard/fake-supabase-auth';
import { freePort } from '../support/free-port';

// The msw fake of Supabase Auth served over real HTTP on loopback, for the built app (another
// process, which msw in this one cannot intercept). On Supabase, Auth and the database share
// auth.users; here every request that may have created or confirmed an account is followed by
// mirroring the fake's accounts into the test database's auth.users.

export type ServedFakeAuth = {
  url: string;
  auth: FakeSupabaseAuth;
  close: () => Promise<void>;
};

async function toRequest(incoming: IncomingMessage, origin: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (typeof value === 'string') headers.set(name, value);
  }
  const hasBody = incoming.method !== 'GET' && incoming.method !== 'HEAD';
  return new Request(new URL(incoming.url ?? '/', origin), {
    method: incoming.method,
    headers,
    body: hasBody ? Buffer.concat(chunks) : undefined,
  });
}

async function mirrorAccounts(auth: FakeSupabaseAuth, pool: Pool): Promise<void> {
  for (const user of auth.users()) {
    await pool.query(
      `insert into auth.users (id, email, email_confirmed_at) values ($1, $2, $3)
       on conflict (id) do update set email = excluded.email, email_confirmed_at = excluded.email_confirmed_at`,
      [user.id, user.email, user.email_confirmed_at ?? null],
    );
  }
}

export async function serveFakeSupabaseAuth(options: {
  anonKey: string;
  serviceRoleKey: string;
  pool: Pool;
}): Promise<ServedFakeAuth> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const auth = createFakeSupabaseAuth({ url, ...options });
  const server = createServer(async (incoming, outgoing) => {
    try {
      const response =
        (await getResponse(auth.handlers, await toRequest(incoming, url))) ??
        Response.json({ code: 'not_found', message: 'not in this fake' }, { status: 404 });
      await mirrorAccounts(auth, options.pool);
      outgoing.writeHead(response.status, Object.fromEntries(response.headers));
      outgoing.end(Buffer.from(await response.arrayBuffer()));
    } catch (error) {
      outgoing.writeHead(500, { 'content-type': 'application/json' });
      outgoing.end(JSON.stringify({ message: String(error) }));
    }
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url,
    auth,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

import { delay, HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSupabasePort } from './supabase-rpc';

// The supabase-js path is checked at its HTTP edge: the exact PostgREST requests.
const url = 'https://project-ref.supabase.co';
const serviceRoleKey = 'service-role-key-for-tests';
const anonKey = 'anon-key-for-tests';
type Seen = { url: string; method: string; headers: Headers; body: unknown };
const seen: Seen[] = [];

const server = setupServer(
  http.post(`${url}/rest/v1/rpc/:name`, async ({ request, params }) => {
    seen.push({
      url: request.url,
      method: request.method,
      headers: request.headers,
      body: await request.json(),
    });
    if (params.name === 'queue_status') {
      // A PostgREST that stops answering.
      await delay('infinite');
    }
    if (params.name === 'admin_get_tenant') {
      return HttpResponse.json(
        { code: 'PT404', message: 'tenant nope not found', details: null, hint: null },
        { status: 404 },
      );
    }
    if (params.name === 'send_human_reply') {
      // A RAISE ... USING HINT = 'reason' as PostgREST renders it.
      return HttpResponse.json(
        {
          code: 'PT400',
          message: "more than 7 days since the customer's last message",
          details: null,
          hint: 'meta_window_closed',
        },
        { status: 400 },
      );
    }
    if (params.name === 'admin_create_tenant') {
      return HttpResponse.json(
        {
          code: '42501',
          message: 'permission denied for function admin_create_tenant',
          details: null,
          hint: null,
        },
        { status: 403 },
      );
    }
    return HttpResponse.json([{ id: 't1', slug: 'esva-dental', name: 'Esva', role: 'owner' }]);
  }),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  seen.length = 0;
});
afterAll(() => server.close());

describe('supabase-js rpc port', () => {
  const port = createSupabasePort({ url, serviceRoleKey, anonKey });

  it('posts named arguments to /rest/v1/rpc/<name> with the service role key', async () => {
    // @ts-expect-error the fake PostgREST takes any arguments: this checks how they are posted
    const result = await port.rpc('my_tenants', { p_limit: 5, p_filter: { a: [1, 2] } });
    expect(result).toEqual([{ id: 't1', slug: 'esva-dental', name: 'Esva', role: 'owner' }]);
    expect(seen).toHaveLength(1);
    const request = seen[0]!;
    expect(request.method).toBe('POST');
    expect(request.url).toBe(`${url}/rest/v1/rpc/my_tenants`);
    expect(request.headers.get('apikey')).toBe(serviceRoleKey);
    expect(request.headers.get('authorization')).toBe(`Bearer ${serviceRoleKey}`);
    expect(request.headers.get('content-type')).toContain('application/json');
    expect(request.body).toEqual({ p_limit: 5, p_filter: { a: [1, 2] } });
  });

  it('runs a staff call with the user access token and the anon key, so RLS applies', async () => {
    await port.rpc(
      'my_tenants',
      {},
      { as: { claims: { sub: 'u1', role: 'authenticated' }, accessToken: 'user-jwt' } },
    );
    const request = seen[0]!;
    expect(request.headers.get('apikey')).toBe(anonKey);
    expect(request.headers.get('authorization')).toBe('Bearer user-jwt');
  });

  it('refuses a staff call without an access token instead of falling back to the service role', async () => {
    await expect(
      port.rpc('my_tenants', {}, { as: { claims: { sub: 'u1', role: 'authenticated' } } }),
    ).rejects.toMatchObject({ code: 'unauthorized' });
    expect(seen).toHaveLength(0);
  });

  it('maps PostgREST errors to our error codes', async () => {
    await expect(port.rpc('admin_get_tenant', { p_slug: 'nope' })).rejects.toMatchObject({
      code: 'not_found',
      message: 'tenant nope not found',
    });
    await expect(port.rpc('admin_create_tenant', { p_slug: 'x', p_name: 'X' })).rejects.toMatchObject({
      code: 'forbidden',
    });
  });

  it('passes a reason code from the error hint on, but not a prose hint', async () => {
    // @ts-expect-error arguments left out on purpose: the fake server answers with the error
    await expect(port.rpc('send_human_reply', {})).rejects.toMatchObject({
      code: 'bad_request',
      details: { reason: 'meta_window_closed' },
    });
    await expect(port.rpc('admin_get_tenant', { p_slug: 'nope' })).rejects.toMatchObject({
      details: undefined,
    });
  });

  it('rejects function names that are not plain identifiers', async () => {
    // @ts-expect-error not a function name: the runtime check must refuse it too
    await expect(port.rpc('my_tenants; drop table x', {})).rejects.toThrow(/Invalid SQL identifier/);
    expect(seen).toHaveLength(0);
  });

  it('gives up on a call that gets no answer, at the configured timeout', async () => {
    const impatient = createSupabasePort({ url, serviceRoleKey, timeoutMs: 200 });
    await expect(impatient.rpc('queue_status', {})).rejects.toThrow(/queue_status failed|abort|timeout/i);
  });
});

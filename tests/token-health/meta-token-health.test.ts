import { HttpResponse, http } from 'msw';
import { beforeAll, describe, expect, it } from 'vitest';
import { type CapturedRequest, captureRequest, graphError } from '../outbound/platform-fake';
import type { TestDatabase } from '../support/test-database';
import {
  createLiveConnection,
  days,
  fakePlatformSuite,
  graph,
  jobsOf,
  metaAppId,
  metaAppSecret,
  now,
  readConnection,
  runCheck,
} from './token-health-fixture';

// The daily check of Meta tokens against a Graph fake speaking debug_token and subscribed_apps
// as PLATFORMS-2.md §2.1 and §1.3/§1.5 describe them.

const { seen, server, database } = fakePlatformSuite();
let test: TestDatabase;
beforeAll(() => {
  test = database();
});

const epoch = (date: Date) => Math.floor(date.getTime() / 1000);

function debugToken(data: Record<string, unknown>) {
  return http.get(`${graph}/v26.0/debug_token`, async ({ request }) => {
    seen.push(await captureRequest(request));
    return HttpResponse.json({
      data: { app_id: metaAppId, type: 'SYSTEM_USER', application: 'Inbox', ...data },
    });
  });
}

function wabaApps(appIds: string[]) {
  return http.get(`${graph}/v26.0/:wabaId/subscribed_apps`, async ({ request }) => {
    seen.push(await captureRequest(request));
    return HttpResponse.json({
      data: appIds.map((id) => ({
        whatsapp_business_api_data: { id, link: 'https://inbox.example', name: 'Inbox' },
      })),
    });
  });
}

describe('token health: Meta', () => {
  it('records expiry, data-access expiry and scopes from debug_token, and warns once at 5 days', async () => {
    const connection = await createLiveConnection(test, 'whatsapp');
    server.use(
      debugToken({
        is_valid: true,
        expires_at: epoch(days(5)),
        data_access_expires_at: epoch(days(80)),
        issued_at: epoch(days(-55)),
        scopes: ['whatsapp_business_management', 'whatsapp_business_messaging'],
      }),
      wabaApps([metaAppId]),
    );

    const first = await runCheck(test, connection);

    expect(first).toMatchObject({
      outcome: 'recorded',
      valid: true,
      subscription: 'subscribed',
      warned: true,
    });
    const debug = new URL(seen[0]!.url);
    expect(debug.searchParams.get('input_token')).toBe(connection.token);
    expect(debug.searchParams.get('access_token')).toBe(`${metaAppId}|${metaAppSecret}`);
    expect(seen[1]!.headers.authorization).toBe(`Bearer ${connection.token}`);
    const row = await readConnection(test, connection.id);
    expect(row.token_expires_at).toEqual(days(5));
    expect(row.data_access_expires_at).toEqual(days(80));
    expect(row.token_scopes).toEqual(['whatsapp_business_management', 'whatsapp_business_messaging']);
    expect(row.token_checked_at).toEqual(now);
    expect(row.expiry_warned_at).toEqual(now);
    expect(row.status).toBe('connected');
    const notices = await jobsOf(test, 'token_expiry_notice', connection.tenantId);
    expect(notices).toHaveLength(1);
    expect(notices[0].payload).toMatchObject({ connection_id: connection.id, channel: 'whatsapp' });
    expect(new Date(notices[0].payload.expires_at)).toEqual(days(5));

    // The next day's check (and any retry) does not warn again for the same expiry.
    const second = await runCheck(test, connection, days(1));
    expect(second).toMatchObject({ outcome: 'recorded', warned: false });
    expect((await readConnection(test, connection.id)).expiry_warned_at).toEqual(now);
    expect(await jobsOf(test, 'token_expiry_notice', connection.tenantId)).toHaveLength(1);
  });

  it('a token far from expiry is not warned about, and "0" means it never expires', async () => {
    const connection = await createLiveConnection(test, 'whatsapp');
    server.use(
      debugToken({ is_valid: true, expires_at: 0, data_access_expires_at: 0, scopes: [] }),
      wabaApps([metaAppId]),
    );
    expect(await runCheck(test, connection)).toMatchObject({
      outcome: 'recorded',
      valid: true,
      warned: false,
    });
    const row = await readConnection(test, connection.id);
    expect(row).toMatchObject({
      token_expires_at: null,
      data_access_expires_at: null,
      expiry_warned_at: null,
    });
    expect(await jobsOf(test, 'token_expiry_notice', connection.tenantId)).toHaveLength(0);
  });

  it('an expired token becomes needs_reauth with the reason, and no warning is sent', async () => {
    const connection = await createLiveConnection(test, 'whatsapp');
    server.use(
      debugToken({
        is_valid: false,
        expires_at: epoch(days(-1)),
        scopes: [],
        error: { code: 190, subcode: 463, message: `Session has expired on Sunday, 06-Dec-26 12:00:00 PST.` },
      }),
    );
    expect(await runCheck(test, connection)).toMatchObject({ outcome: 'recorded', valid: false });
    const row = await readConnection(test, connection.id);
    expect(row.status).toBe('needs_reauth');
    expect(row.last_error).toBe(
      'Meta debug_token 190/463: Session has expired on Sunday, 06-Dec-26 12:00:00 PST.',
    );
    expect(await jobsOf(test, 'token_expiry_notice', connection.tenantId)).toHaveLength(0);
  });

  it('restores a Page subscription our app fell off, with the fields our ingest reads', async () => {
    const connection = await createLiveConnection(test, 'facebook');
    const posted: CapturedRequest[] = [];
    server.use(
      debugToken({ is_valid: true, expires_at: 0, scopes: ['pages_messaging', 'pages_manage_metadata'] }),
      http.get(`${graph}/v26.0/:pageId/subscribed_apps`, () =>
        HttpResponse.json({
          data: [{ category: 'Business', link: 'https://other.example', name: 'Other', id: '999' }],
        }),
      ),
      http.post(`${graph}/v26.0/:pageId/subscribed_apps`, async ({ request }) => {
        posted.push(await captureRequest(request));
        return HttpResponse.json({ success: true });
      }),
    );
    expect(await runCheck(test, connection)).toMatchObject({ outcome: 'recorded', subscription: 'restored' });
    expect(posted).toHaveLength(1);
    const url = new URL(posted[0]!.url);
    const row = await readConnection(test, connection.id);
    expect(url.pathname).toBe(`/v26.0/${row.page_id}/subscribed_apps`);
    expect(url.searchParams.get('subscribed_fields')).toBe(
      'messages,messaging_postbacks,message_reads,message_deliveries,message_reactions,message_echoes',
    );
    expect(posted[0]!.headers.authorization).toBe(`Bearer ${connection.token}`);
  });

  it("checks the tenant's own app with GET /me, and an invalid token (190) needs re-authorisation", async () => {
    const connection = await createLiveConnection(test, 'facebook', { app_kind: 'own' });
    server.use(
      http.get(`${graph}/v26.0/me`, async ({ request }) => {
        seen.push(await captureRequest(request));
        return graphError(
          401,
          190,
          `Error validating access token: the token ${connection.token} was invalidated`,
          {
            error_subcode: 460,
          },
        );
      }),
    );
    expect(await runCheck(test, connection)).toMatchObject({ outcome: 'recorded', valid: false });
    expect(seen[0]!.headers.authorization).toBe(`Bearer ${connection.token}`);
    const row = await readConnection(test, connection.id);
    expect(row.status).toBe('needs_reauth');
    expect(row.last_error).toContain('Meta error 190/460');
    expect(row.last_error).not.toContain(connection.token);
  });

  it('an error that quotes the token fails the check with the token cut out', async () => {
    const connection = await createLiveConnection(test, 'facebook', { app_kind: 'own' });
    server.use(
      http.get(`${graph}/v26.0/me`, () =>
        graphError(400, 100, `Unsupported get request for token ${connection.token}`),
      ),
    );
    const failure = await runCheck(test, connection).catch((error: Error) => error);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toContain(
      'Meta error 100: Unsupported get request for token [redacted]',
    );
    expect((await readConnection(test, connection.id)).status).toBe('connected');
  });

  it('a refused app token (our misconfiguration) fails the check without touching the connection', async () => {
    const connection = await createLiveConnection(test, 'whatsapp');
    server.use(
      http.get(`${graph}/v26.0/debug_token`, () =>
        graphError(400, 190, 'Invalid OAuth access token signature.'),
      ),
    );
    await expect(runCheck(test, connection)).rejects.toThrow(/our app token was refused/);
    const row = await readConnection(test, connection.id);
    expect(row).toMatchObject({ status: 'connected', last_error: null, token_checked_at: null });
  });
});

import { HttpResponse, http } from 'msw';
import { beforeAll, describe, expect, it } from 'vitest';
import { getEnv } from '@/src/env';
import { openToken } from '@/src/jobs/token-health-secrets';
import { captureRequest, graphError } from '../outbound/platform-fake';
import type { TestDatabase } from '../support/test-database';
import {
  createLiveConnection,
  days,
  fakePlatformSuite,
  instagramHost,
  now,
  readConnection,
  runCheck,
  sealedRefreshToken,
  tiktokHost,
} from './token-health-fixture';

// Refreshable tokens: Instagram Login long-lived tokens (graph.instagram.com/refresh_access_token)
// and TikTok Business OAuth (tt_user/oauth2/refresh_token, the refresh token may rotate).

const { seen, server, database } = fakePlatformSuite();
let test: TestDatabase;
beforeAll(() => {
  test = database();
});

const hours = (n: number) => new Date(now.getTime() + n * 3_600_000);
const opened = (row: { tenant_id: string; channel: string }, field: string, sealed: string) =>
  openToken(getEnv().ENCRYPTION_KEY!, { tenantId: row.tenant_id, channel: row.channel }, field, sealed);

function instagramMe() {
  return http.get(`${instagramHost}/v26.0/me`, async ({ request }) => {
    seen.push(await captureRequest(request));
    return HttpResponse.json({ id: '17841400000000009' });
  });
}

describe('token health: refresh', () => {
  it('refreshes an Instagram Login token with 10 days left, stores it at once and checks with the new one', async () => {
    const connection = await createLiveConnection(test, 'instagram', {
      token_expires_at: days(10),
      expiry_warned_at: null,
    });
    server.use(
      http.get(`${instagramHost}/refresh_access_token`, async ({ request }) => {
        seen.push(await captureRequest(request));
        return HttpResponse.json({
          access_token: 'IGAA-refreshed-long-lived',
          token_type: 'bearer',
          expires_in: 5_184_000,
        });
      }),
      instagramMe(),
    );

    expect(await runCheck(test, connection)).toMatchObject({
      outcome: 'recorded',
      valid: true,
      refreshed: true,
    });

    const refresh = new URL(seen[0]!.url);
    expect(refresh.searchParams.get('grant_type')).toBe('ig_refresh_token');
    expect(refresh.searchParams.get('access_token')).toBe(connection.token);
    expect(seen[1]!.headers.authorization).toBe('Bearer IGAA-refreshed-long-lived');
    const row = await readConnection(test, connection.id);
    expect(opened(row, 'access_token', row.access_token_encrypted)).toBe('IGAA-refreshed-long-lived');
    expect(row.access_token_hint).toBe('ived');
    expect(row.token_expires_at).toEqual(days(60));
    expect(row.status).toBe('connected');
  });

  it('does not refresh an Instagram token with more than 30 days left', async () => {
    const connection = await createLiveConnection(test, 'instagram', { token_expires_at: days(45) });
    server.use(instagramMe());
    expect(await runCheck(test, connection)).toMatchObject({
      outcome: 'recorded',
      refreshed: false,
      valid: true,
    });
    expect(seen.map((request) => new URL(request.url).pathname)).toEqual(['/v26.0/me']);
  });

  it('an expired Instagram token that refresh refuses (190) needs re-authorisation', async () => {
    const connection = await createLiveConnection(test, 'instagram', { token_expires_at: days(3) });
    server.use(
      http.get(`${instagramHost}/refresh_access_token`, () =>
        graphError(400, 190, 'Error validating access token: Session has expired.', { error_subcode: 463 }),
      ),
    );
    expect(await runCheck(test, connection)).toMatchObject({ outcome: 'recorded', valid: false });
    const row = await readConnection(test, connection.id);
    expect(row.status).toBe('needs_reauth');
    expect(row.last_error).toContain('Meta error 190/463');
  });

  it('refreshes TikTok, keeps the rotated refresh token, and checks again before the new token dies', async () => {
    const connection = await createLiveConnection(test, 'tiktok', { token_expires_at: hours(3) });
    await test.pool.query(
      'update public.channel_connections set refresh_token_encrypted = $2, refresh_token_expires_at = $3 where id = $1',
      [connection.id, sealedRefreshToken(connection, 'rft-old-refresh-token'), days(200)],
    );
    server.use(
      http.post(`${tiktokHost}/open_api/v1.3/tt_user/oauth2/refresh_token/`, async ({ request }) => {
        seen.push(await captureRequest(request));
        return HttpResponse.json({
          code: 0,
          message: 'OK',
          request_id: '2026120712000001',
          data: {
            access_token: 'act.new-access-token-1',
            expires_in: 86_400,
            refresh_token: 'rft.rotated-refresh-token',
            refresh_token_expires_in: 31_536_000,
            open_id: 'tt-open-id',
            scope: 'user.info.basic,biz.message',
            token_type: 'Bearer',
          },
        });
      }),
    );

    const result = await runCheck(test, connection);

    expect(result).toMatchObject({
      outcome: 'recorded',
      valid: true,
      refreshed: true,
      subscription: 'not_checked',
    });
    expect(result.outcome === 'recorded' && result.checkAgainAt).toEqual(hours(22));
    expect(seen[0]!.body).toEqual({
      client_id: 'tt-client-id',
      client_secret: 'tt-client-secret-for-tests',
      grant_type: 'refresh_token',
      refresh_token: 'rft-old-refresh-token',
    });
    const row = await readConnection(test, connection.id);
    expect(opened(row, 'access_token', row.access_token_encrypted)).toBe('act.new-access-token-1');
    expect(opened(row, 'refresh_token', row.refresh_token_encrypted)).toBe('rft.rotated-refresh-token');
    expect(row.token_expires_at).toEqual(hours(24));
    expect(row.refresh_token_expires_at).toEqual(days(365));
    expect(row.token_scopes).toEqual(['user.info.basic', 'biz.message']);
  });

  it('a token saved by staff while a refresh was under way wins over the refreshed one', async () => {
    const connection = await createLiveConnection(test, 'tiktok', { token_expires_at: hours(3) });
    await test.pool.query(
      'update public.channel_connections set refresh_token_encrypted = $2 where id = $1',
      [connection.id, sealedRefreshToken(connection, 'rft-old-refresh-token')],
    );
    server.use(
      http.post(`${tiktokHost}/open_api/v1.3/tt_user/oauth2/refresh_token/`, async () => {
        // Onboarding stores a brand-new token in the meantime.
        await test.pool.query(
          "update public.channel_connections set access_token_encrypted = 'v1:staff:saved:token' where id = $1",
          [connection.id],
        );
        return HttpResponse.json({
          code: 0,
          message: 'OK',
          data: { access_token: 'act.too-late', expires_in: 86_400, refresh_token: 'rft.too-late' },
        });
      }),
    );
    expect(await runCheck(test, connection)).toEqual({ outcome: 'token_changed' });
    const row = await readConnection(test, connection.id);
    expect(row.access_token_encrypted).toBe('v1:staff:saved:token');
  });

  it("a TikTok refresh refused (code != 0 on HTTP 200) needs re-authorisation with TikTok's message", async () => {
    const connection = await createLiveConnection(test, 'tiktok', { token_expires_at: hours(-1) });
    await test.pool.query(
      'update public.channel_connections set refresh_token_encrypted = $2 where id = $1',
      [connection.id, sealedRefreshToken(connection, 'rft-revoked')],
    );
    server.use(
      http.post(`${tiktokHost}/open_api/v1.3/tt_user/oauth2/refresh_token/`, () =>
        HttpResponse.json({ code: 40104, message: 'Refresh token is invalid or expired.', data: {} }),
      ),
    );
    expect(await runCheck(test, connection)).toMatchObject({ outcome: 'recorded', valid: false });
    const row = await readConnection(test, connection.id);
    expect(row.status).toBe('needs_reauth');
    expect(row.last_error).toBe('TikTok refresh code 40104: Refresh token is invalid or expired.');
  });
});

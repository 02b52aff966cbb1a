import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectChannel } from '@/src/channels/connect-channel';
import { importContacts } from '@/src/contacts/import-contacts';
import { getEnv, setEnvForProcess } from '@/src/env';
import { fetchProfileHandler } from '@/src/jobs/handlers/fetch-profile-handler';
import { runJobs } from '../outbound/outbound-fixture';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { fixtureText } from '../webhooks/support/fixtures';
import { postSigned } from '../webhooks/support/post-webhook';
import { fixtureAccounts, secrets } from '../webhooks/support/webhook-tenant';

// An imported Instagram username writes later. Instagram's webhook carries only the sender's
// Instagram-scoped id: the signed webhook makes a new lead, then the profile lookup (fake
// Instagram API, as PLATFORMS.md 3.5: GET /{IGSID}?fields=name,username,profile_pic) learns the
// username and the new lead joins the imported one (a recorded merge).

const instagramApi = 'https://instagram.test';
const server = setupServer();
let test: TestDatabase;

beforeAll(async () => {
  setEnvForProcess({ INSTAGRAM_API_BASE_URL: instagramApi, GRAPH_API_VERSION: 'v26.0' });
  server.listen({ onUnhandledRequest: 'error' });
  test = await createTestDatabase();
});
afterAll(async () => {
  server.close();
  await test.drop();
});

describe('a message from an imported Instagram username', () => {
  it('joins the imported lead once the profile names the username', async () => {
    const slug = 'ig-import';
    const tenant = await test.db.rpc('admin_create_tenant', { p_slug: slug, p_name: 'IG import' });
    await connectChannel(test.db, getEnv().ENCRYPTION_KEY!, {
      tenantSlug: slug,
      channel: 'instagram',
      mode: 'live',
      aiEnabled: false,
      ...fixtureAccounts.instagram,
      appSecret: secrets.meta,
      verifyToken: secrets.verifyToken,
      accessToken: 'IGAA-live-token-for-profile',
    });
    const csv = 'name,instagram_username,tags\nMaría José Núñez,@Majo.Nunez,VIP\n';
    await importContacts(test.db, {
      tenantId: tenant.id,
      fileName: 'ig.csv',
      bytes: new TextEncoder().encode(csv),
      defaultCountry: 'MX',
      dryRun: false,
    });
    const { rows: imported } = await test.pool.query('select id from leads where tenant_id = $1', [
      tenant.id,
    ]);

    const posted = await postSigned('instagram', slug, fixtureText('instagram', 'text'));
    expect(posted.status).toBe(200);
    expect(posted.body).toMatchObject({ ok: true, stored: 1, leads_created: 1 });

    server.use(
      http.get(`${instagramApi}/v26.0/:userId`, ({ params }) =>
        HttpResponse.json({
          id: params.userId,
          name: 'Majo',
          username: 'majo.nunez',
          profile_pic: 'https://cdn.test/majo.jpg',
        }),
      ),
    );
    await runJobs(test, [fetchProfileHandler]);

    const { rows } = await test.pool.query(
      `select c.lead_id, l.name, l.profile_picture_url,
         (select array_agg(i.external_id) from lead_identities i where i.lead_id = l.id) as identities
       from conversations c join leads l on l.id = c.lead_id where c.tenant_id = $1`,
      [tenant.id],
    );
    expect(rows).toEqual([
      {
        lead_id: imported[0].id,
        name: 'María José Núñez',
        profile_picture_url: 'https://cdn.test/majo.jpg',
        identities: ['1254459154682919'],
      },
    ]);
    const { rows: merges } = await test.pool.query(
      'select survivor_id, merged_by from lead_merges where tenant_id = $1',
      [tenant.id],
    );
    expect(merges).toEqual([{ survivor_id: imported[0].id, merged_by: null }]);
  });
});

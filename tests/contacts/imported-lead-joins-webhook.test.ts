import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importContacts } from '@/src/contacts/import-contacts';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { fixtureText } from '../webhooks/support/fixtures';
import { freshWebhookTenant } from '../webhooks/support/fresh-tenant';
import { postSigned } from '../webhooks/support/post-webhook';

// An imported contact writes to the business later: the signed WhatsApp webhook, through the real
// route and ingest, lands on the imported lead instead of creating a new one. The fixture's
// sender is the Mexican mobile 5215587654321 (WhatsApp's 52 1 form); the file says +52 55 8765 4321.

let test: TestDatabase;

beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(() => test.drop());

describe('a message from an imported contact', () => {
  it('joins the imported lead (WhatsApp, same phone)', async () => {
    const tenant = await freshWebhookTenant(test);
    const csv = 'nombre,telefono,etiquetas\nAna López,55 8765 4321,VIP\n';
    const imported = await importContacts(test.db, {
      tenantId: tenant.tenantId,
      fileName: 'clientes.csv',
      bytes: new TextEncoder().encode(csv),
      defaultCountry: 'MX',
      dryRun: false,
    });
    expect(imported.created).toBe(1);
    const { rows: before } = await test.pool.query('select id from leads where tenant_id = $1', [
      tenant.tenantId,
    ]);

    const posted = await postSigned('whatsapp', tenant.slug, fixtureText('whatsapp', 'text'));
    expect(posted.status).toBe(200);
    expect(posted.body).toMatchObject({ ok: true, stored: 1, leads_created: 0 });

    const { rows } = await test.pool.query(
      `select c.lead_id, l.name, l.import_origin ->> 'file_name' as file_name, l.last_message_at is not null as wrote
       from conversations c join leads l on l.id = c.lead_id where c.tenant_id = $1`,
      [tenant.tenantId],
    );
    expect(rows).toEqual([
      { lead_id: before[0].id, name: 'Ana López', file_name: 'clientes.csv', wrote: true },
    ]);
    const { rows: leads } = await test.pool.query(
      'select count(*)::int as n from leads where tenant_id = $1',
      [tenant.tenantId],
    );
    expect(leads[0].n).toBe(1);
  });
});

import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devSessionCookieName, sealDevSession } from '@/src/auth/dev-session-cookie';
import { exportCsvResponse } from '@/src/dashboard/export/export-csv-response';
import { type AppEnv, parseEnv } from '@/src/env';
import { messagesEs } from '@/src/i18n/messages-es';
import { createMemoryCookies } from '../dashboard/memory-cookies';
import { seedInbox } from '../dashboard/seed-inbox';
import { createTenantWithStaff } from '../support/staff';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// "Descargar CSV": the signed-in member's rows only, every page of them, safe to open in Excel.

let test: TestDatabase;
const env: AppEnv = parseEnv({ APP_MODE: 'local', ENCRYPTION_KEY: randomBytes(32).toString('base64') });
let owner: Awaited<ReturnType<typeof createTenantWithStaff>>;

function signedIn(staff: { userId: string; email: string }) {
  const cookies = createMemoryCookies();
  cookies.set(
    devSessionCookieName,
    sealDevSession({ sub: staff.userId, email: staff.email }, env.ENCRYPTION_KEY!),
  );
  return cookies;
}

function download(
  slug: string,
  kind: string,
  query = '',
  cookies = signedIn({ userId: owner.userId, email: 'owner@tienda.example' }),
) {
  return exportCsvResponse(
    new Request(`http://localhost/api/t/${slug}/export/${kind}${query}`),
    { tenantSlug: slug, kind },
    { db: test.db, env, cookies, t: messagesEs },
  );
}

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  return rows;
}

beforeAll(async () => {
  test = await createTestDatabase();
  owner = await createTenantWithStaff(test, 'tienda');
  await createTenantWithStaff(test, 'vecina');
  await seedInbox(test, owner.tenantId, {
    name: '=HYPERLINK("http://evil","clic")',
    text: 'Hola, "precio", ¿sí?\nGracias',
  });
  await test.pool.query(
    `with l as (
       insert into leads (tenant_id, origin_channel, name, phone, last_message_at)
       select $1, 'whatsapp', 'Cliente ' || g, '+52 55 ' || g, now() - g * interval '1 second'
       from generate_series(1, 450) g returning id, last_message_at)
     insert into conversations (tenant_id, lead_id, channel, last_message_at) select $1, id, 'whatsapp', last_message_at from l`,
    [owner.tenantId],
  );
});
afterAll(() => test.drop());

describe('CSV export', () => {
  it('downloads every lead (across pages) with a BOM, escaped and formula-safe', async () => {
    const response = await download('tienda', 'leads');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="prospectos-tienda-/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // TextDecoder drops the BOM it reads, as Excel does.
    const rows = parseCsv(new TextDecoder().decode(bytes));
    expect(rows[0]).toEqual(messagesEs.finding.csv.leads);
    expect(rows.length).toBe(1 + 451);
    expect(new Set(rows.slice(1).map((r) => r[0])).size).toBe(451);
    const evil = rows.find((r) => r[0]!.includes('HYPERLINK'))!;
    expect(evil[0]).toBe('\'=HYPERLINK("http://evil","clic")');
    expect(evil[6]).toBe('Respuesta para =HYPERLINK("http://evil","clic")');
    expect(rows.find((r) => r[0] === 'Cliente 7')![1]).toBe("'+52 55 7");
  });

  it('downloads conversations with the list filters applied (search included)', async () => {
    const response = await download('tienda', 'conversations', '?status=all&q=precio&after=ignored');
    const rows = parseCsv(await response.text());
    expect(rows[0]).toEqual(messagesEs.finding.csv.conversations);
    expect(rows.length).toBe(2);
    expect(rows[1]![0]).toBe('\'=HYPERLINK("http://evil","clic")');
    const all = parseCsv(await (await download('tienda', 'conversations', '?status=all')).text());
    expect(all.length).toBe(1 + 451);
  });

  it('refuses without a session (401), another tenant (404) and unknown exports (404)', async () => {
    const none = await download('tienda', 'leads', '', createMemoryCookies());
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ error: { code: 'unauthorized' } });
    const other = await download('vecina', 'leads');
    expect(other.status).toBe(404);
    const missing = await download('no-existe', 'conversations');
    expect(missing.status).toBe(404);
    expect(await other.text()).not.toContain('Cliente');
    expect((await download('tienda', 'passwords')).status).toBe(404);
  });
});

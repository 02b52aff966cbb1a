import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgPool, createPgPort } from '@/src/db/pg-rpc';
import type { DbPort } from '@/src/db/rpc-port';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// NUL and lone surrogates are legal in JS strings and JSON but not in PostgreSQL text/jsonb.
// Found by the dashboard property test (tests/security): a NUL in a form field used to cut the
// query short ("invalid message format") and one inside a jsonb argument was refused with a raw
// 22P05 error; both surfaced as unexpected failures. The port stores U+FFFD instead.

let test: TestDatabase;
let oneConnection: DbPort;

beforeAll(async () => {
  test = await createTestDatabase();
  oneConnection = createPgPort(createPgPool(test.url, 1));
});
afterAll(async () => {
  await oneConnection.close();
  await test.drop();
});

describe('text PostgreSQL cannot hold', () => {
  it('a NUL or lone surrogate in a text argument is stored as U+FFFD, on a still usable connection', async () => {
    const tenant = await oneConnection.rpc('admin_create_tenant', {
      p_slug: 'nul-text',
      p_name: 'a\u0000b \ud800 c',
    });
    expect(tenant.name).toBe('a\ufffdb \ufffd c');
    await expect(oneConnection.rpc('admin_get_tenant', { p_slug: 'nul-text' })).resolves.toMatchObject({
      name: 'a\ufffdb \ufffd c',
    });
  });

  it('inside a jsonb argument, keys and nested values included', async () => {
    await oneConnection.rpc('admin_create_tenant', { p_slug: 'nul-json', p_name: 'Json' });
    const settings = await oneConnection.rpc('admin_update_ai_context', {
      p_tenant_slug: 'nul-json',
      p_patch: {
        system_prompt: 'x\u0000y',
        escalation_keywords: ['\udc00queja'],
        knowledge: { services: [{ name: 'Limpieza\u0000', price: 'MXN 800' }], faqs: [] },
      },
    });
    expect(settings).toMatchObject({
      system_prompt: 'x\ufffdy',
      escalation_keywords: ['\ufffdqueja'],
      knowledge: { services: [{ name: 'Limpieza\ufffd', price: 'MXN 800' }], faqs: [] },
    });
  });

  it('leaves ordinary text, escaped backslashes and paired surrogates exactly as they are', async () => {
    await oneConnection.rpc('admin_create_tenant', { p_slug: 'plain-json', p_name: 'Plain' });
    const prompt = 'literal \\u0000 and \\ud800, emoji 🦷, quote \' and "';
    const settings = await oneConnection.rpc('admin_update_ai_context', {
      p_tenant_slug: 'plain-json',
      p_patch: { system_prompt: prompt },
    });
    expect(settings.system_prompt).toBe(prompt);
  });
});

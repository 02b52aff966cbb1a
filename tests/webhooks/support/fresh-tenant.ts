import type { TestDatabase } from '../../support/test-database';
import { createWebhookTenant, fixtureAccounts } from './webhook-tenant';

let counter = 0;

/** Deletes the previous fixture tenant (freeing the fixture account ids) and makes a new one. */
export async function freshWebhookTenant(
  test: TestDatabase,
  options: { withSecrets?: boolean; aiEnabled?: boolean } = {},
): Promise<{ slug: string; tenantId: string }> {
  await test.pool.query("delete from tenants where slug like 'fx-%'");
  counter += 1;
  const slug = `fx-${counter}`;
  const { tenantId } = await createWebhookTenant(test, slug, fixtureAccounts, options);
  return { slug, tenantId };
}

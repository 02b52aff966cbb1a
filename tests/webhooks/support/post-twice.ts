import { expect } from 'vitest';
import type { Channel } from '@/src/channels/channel-registry';
import type { TestDatabase } from '../../support/test-database';
import { postSigned } from './post-webhook';
import { countRows } from './stored-rows';

/** Posts a delivery and its replay: both answers, and proof the replay changed no row count. */
export async function postTwice(
  test: TestDatabase,
  tenant: { slug: string; tenantId: string },
  channel: Channel,
  body: string,
) {
  const first = await postSigned(channel, tenant.slug, body);
  const before = await countRows(test, tenant.tenantId);
  const replay = await postSigned(channel, tenant.slug, body);
  expect(await countRows(test, tenant.tenantId)).toEqual(before);
  return { first, replay };
}

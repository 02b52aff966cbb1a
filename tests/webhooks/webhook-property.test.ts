import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Channel } from '@/src/channels/channel-registry';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { fixtureJson } from './support/fixtures';
import { freshWebhookTenant } from './support/fresh-tenant';
import { postSigned } from './support/post-webhook';
import { accountedRequests, countRows } from './support/stored-rows';

// Correctly signed bodies of random JSON, and real payloads mutated at random (values replaced
// by random JSON with any code units, keys deleted, batch items duplicated): never a 500, and
// either the whole delivery is stored or nothing but its webhook_events row is.

let test: TestDatabase;
let tenant: { slug: string; tenantId: string };

beforeAll(async () => {
  test = await createTestDatabase();
  tenant = await freshWebhookTenant(test);
});
afterAll(() => test.drop());

// The JSON channels; Twilio's form posts: tests/webhooks/twilio-webhook.test.ts.
const fixtures: Record<Exclude<Channel, 'twilio'>, string[]> = {
  whatsapp: ['text', 'batch', 'statuses', 'image', 'interactive-list-reply', 'username-bsuid', 'system'],
  facebook: ['text', 'batch', 'echo-staff', 'delivery', 'read', 'reaction', 'standby'],
  instagram: ['batch', 'story-reply', 'deleted', 'echo', 'seen', 'share'],
  tiktok: ['receive-text', 'send-echo', 'mark-read', 'receive-share-post', 'ping'],
  email: ['inbound-text', 'inbound-reply', 'inbound-html', 'bounce', 'spam-complaint', 'delivery'],
};

const anyJson = fc.jsonValue({ maxDepth: 4, stringUnit: 'binary' });

type Path = Array<string | number>;

function pathsOf(value: unknown, prefix: Path = []): Path[] {
  const found: Path[] = [prefix];
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) found.push(...pathsOf(item, [...prefix, i]));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) found.push(...pathsOf(item, [...prefix, key]));
  }
  return found;
}

type Mutation = { at: number; op: 'replace' | 'delete' | 'duplicate'; value: unknown };

function mutate(root: unknown, mutation: Mutation): unknown {
  const paths = pathsOf(root);
  const path = paths[mutation.at % paths.length]!;
  if (path.length === 0) return mutation.op === 'replace' ? mutation.value : root;
  const parent = path
    .slice(0, -1)
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], root) as
    | Record<string, unknown>
    | unknown[];
  const key = path[path.length - 1]!;
  if (mutation.op === 'replace') (parent as Record<string | number, unknown>)[key] = mutation.value;
  else if (mutation.op === 'delete') {
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[key as string];
  } else if (Array.isArray(parent)) parent.push(structuredClone(parent[Number(key)]));
  return root;
}

let runs = 0;

/** New message ids for every run, so valid variants are stored rather than deduplicated. */
function freshIds(value: unknown, run: number): unknown {
  if (Array.isArray(value)) return value.map((item) => freshIds(item, run));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => {
      const isId =
        typeof item === 'string' &&
        (key === 'mid' || key === 'message_id' || (key === 'id' && item.startsWith('wamid.')));
      return [key, isId ? `${item}.${run}` : freshIds(item, run)];
    }),
  );
}

/** TikTok's content is a JSON string: mutate inside it too, then serialise it back. */
function mutatedBody(channel: Channel, fixture: string, mutations: Mutation[]): string {
  runs += 1;
  const envelope = fixtureJson(channel, fixture);
  if (channel === 'tiktok' && typeof envelope.content === 'string')
    envelope.content = JSON.parse(envelope.content);
  let root = freshIds(envelope, runs);
  for (const mutation of mutations) root = mutate(root, mutation);
  const after = root as Record<string, unknown> | null;
  if (channel === 'tiktok' && after && typeof after === 'object' && typeof after.content === 'object') {
    after.content = JSON.stringify(after.content);
  }
  return JSON.stringify(root);
}

async function expectWholeOrNothing(channel: Channel, body: string): Promise<void> {
  const before = await countRows(test, tenant.tenantId);
  const accountedBefore = await accountedRequests(test);
  const posted = await postSigned(channel, tenant.slug, body);
  expect([200, 400, 403]).toContain(posted.status);
  const after = await countRows(test, tenant.tenantId);
  if (posted.status === 200) {
    expect(after.messages - before.messages).toBe(posted.body.stored);
  } else {
    expect(after).toEqual(before);
  }
  expect(await accountedRequests(test)).toBe(accountedBefore + 1);
}

describe.each(Object.keys(fixtures) as Array<keyof typeof fixtures>)(
  '%s webhook under random input',
  (channel) => {
    it('random JSON bodies never yield a 500 nor a partial write', async () => {
      await fc.assert(
        fc.asyncProperty(anyJson, (value) => expectWholeOrNothing(channel, JSON.stringify(value))),
        { numRuns: 40 },
      );
    });

    it('mutated real payloads never yield a 500 nor a partial write', async () => {
      const mutation = fc.record({
        at: fc.nat(),
        op: fc.constantFrom('replace' as const, 'delete' as const, 'duplicate' as const),
        value: anyJson,
      });
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...fixtures[channel]),
          fc.array(mutation, { minLength: 0, maxLength: 3 }),
          (fixture, mutations) => expectWholeOrNothing(channel, mutatedBody(channel, fixture, mutations)),
        ),
        { numRuns: 80 },
      );
    });
  },
);

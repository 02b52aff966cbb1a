import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Channel } from '@/src/channels/channel-registry';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { fixtureJson } from '../webhooks/support/fixtures';
import { freshWebhookTenant } from '../webhooks/support/fresh-tenant';
import { getVerification, postRaw, signedHeaders } from '../webhooks/support/post-webhook';
import { accountedRequests, countRows } from '../webhooks/support/stored-rows';
import { secrets } from '../webhooks/support/webhook-tenant';
import { hostileString } from './support/hostile-strings';

// Correctly signed deliveries that are hostile in ways tests/webhooks/webhook-property.test.ts
// (random JSON to depth 4, mutated fixtures) does not reach: nesting to 200 levels, strings up
// to past the 3 MB limit, bytes that are not UTF-8 or not JSON, prototype keys, unknown message
// types, odd numbers. Always a 200, 4xx or 413, never a 500, and the whole delivery or nothing.

let test: TestDatabase;
let tenant: { slug: string; tenantId: string };
let run = 0;

beforeAll(async () => {
  test = await createTestDatabase();
  tenant = await freshWebhookTenant(test);
});
afterAll(() => test.drop());

// The JSON channels; Twilio's form posts: tests/webhooks/twilio-webhook.test.ts.
const textFixture: Record<Exclude<Channel, 'twilio'>, string> = {
  whatsapp: 'text',
  facebook: 'text',
  instagram: 'text',
  tiktok: 'receive-text',
  email: 'inbound-text',
};

// biome-ignore lint/suspicious/noExplicitAny: fixtures are walked by known paths.
type Json = Record<string, any>;

/** The channel's text fixture with a new message id (so valid variants are stored), and where its text lives. */
function freshText(channel: keyof typeof textFixture): { body: Json; setText: (value: unknown) => void } {
  run += 1;
  const id = `hostile${run}x${Date.now()}`;
  const body: Json = fixtureJson(channel, textFixture[channel]);
  if (channel === 'whatsapp') {
    const message = body.entry[0].changes[0].value.messages[0];
    message.id = `wamid.${id}`;
    return { body, setText: (value) => (message.text.body = value) };
  }
  if (channel === 'tiktok') {
    const content = JSON.parse(body.content);
    content.message_id = `74${run}${Date.now()}`;
    body.content = JSON.stringify(content);
    return {
      body,
      setText: (value) => {
        content.text.body = value;
        body.content = JSON.stringify(content);
      },
    };
  }
  if (channel === 'email') {
    body.MessageID = `hostile-${id}`;
    body.Headers = [{ Name: 'Message-ID', Value: `<${id}@mail.example>` }];
    return { body, setText: (value) => (body.TextBody = value) };
  }
  const message = body.entry[0].messaging[0].message;
  message.mid = `m_${id}`;
  return { body, setText: (value) => (message.text = value) };
}

function withText(channel: keyof typeof textFixture, value: unknown): string {
  const { body, setText } = freshText(channel);
  setText(value);
  return JSON.stringify(body);
}

/** Signed and posted: never a 500, and all of it stored or nothing but its trace (a row or a count). */
async function expectWholeOrNothing(channel: Channel, body: string | Buffer, allowed = [200, 400, 403, 413]) {
  const before = await countRows(test, tenant.tenantId);
  const accounted = await accountedRequests(test);
  const posted = await postRaw(channel, tenant.slug, body, signedHeaders(channel, body));
  expect(allowed).toContain(posted.status);
  const after = await countRows(test, tenant.tenantId);
  if (posted.status === 200) expect(after.messages - before.messages).toBe(posted.body.stored);
  else expect(after).toEqual(before);
  expect(await accountedRequests(test)).toBe(accounted + 1);
  return posted;
}

const channels = Object.keys(textFixture) as Array<keyof typeof textFixture>;

describe.each(channels)('%s', (channel) => {
  it('nesting from 1 to 200 levels deep where the text should be: stored or 400', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 200 }), fc.boolean(), async (depth, arrays) => {
        let value: unknown = 'fondo';
        for (let i = 0; i < depth; i += 1) value = arrays ? [value] : { x: value };
        const posted = await expectWholeOrNothing(channel, withText(channel, value), [200, 400]);
        // Deeper than any real payload: refused (400), or, where the body itself is shallow
        // enough to parse (Messenger/Instagram text sits 2 levels higher than WhatsApp's; TikTok's
        // is inside the content string), its item skipped as malformed (200, nothing stored).
        if (depth + 8 > 64) {
          if (posted.status === 200) expect(posted.body).toMatchObject({ stored: 0, ignored: 1 });
          else expect(posted.status).toBe(400);
        }
      }),
      { numRuns: 15 },
    );
  });

  it('huge texts, up to past the 3 MB body limit: stored, 400 or 413', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 90_000, max: 3_200_000 }),
        fc.constantFrom('a', 'ñ', '😀', '\u0000', '"'),
        async (n, unit) => {
          const size = Math.floor(n / Buffer.byteLength(JSON.stringify(unit)));
          await expectWholeOrNothing(channel, withText(channel, unit.repeat(size)));
        },
      ),
      { numRuns: 6 },
    );
  });

  it('hostile strings and odd values as the text: stored or a 4xx', async () => {
    const odd = fc.oneof(
      hostileString(2000),
      fc.constantFrom(-0, 1e308, -1e308, 5e-324, Number.MAX_SAFE_INTEGER + 2, true, null, [], {}),
    );
    await fc.assert(
      fc.asyncProperty(odd, async (value) => {
        await expectWholeOrNothing(channel, withText(channel, value));
      }),
      { numRuns: 40 },
    );
  });

  it('raw bytes that are not UTF-8 or not JSON, signed over exactly those bytes: 400', async () => {
    const prefix = Buffer.from(withText(channel, 'x').slice(0, 40));
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), fc.boolean(), async (bytes, withPrefix) => {
        const body = Buffer.concat([withPrefix ? prefix : Buffer.alloc(0), Buffer.from(bytes)]);
        await expectWholeOrNothing(channel, body, [400]);
      }),
      { numRuns: 30 },
    );
  });

  it('numbers JSON allows but JavaScript cannot hold (1e400, -1e400) as text and ids: stored or 400', async () => {
    for (const literal of ['1e400', '-1e400', '123456789012345678901234567890']) {
      const body = withText(channel, '__NUMBER__').replace('"__NUMBER__"', literal);
      await expectWholeOrNothing(channel, body);
    }
  });
});

describe('prototype keys', () => {
  it('__proto__, constructor and prototype anywhere in a body pollute nothing and never 500', async () => {
    const keys = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...channels), keys, fc.nat(), async (channel, key, at) => {
        const body = withText(channel, 'Hola');
        const openings = [...body.matchAll(/\{/g)].map((match) => match.index!);
        const position = openings[at % openings.length]! + 1;
        const hostile = `${body.slice(0, position)}"${key}":{"polluted":"yes","text":{"body":"x"}},${body.slice(position)}`;
        await expectWholeOrNothing(channel, hostile);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: 40 },
    );
  });
});

describe('WhatsApp message types nobody has seen yet', () => {
  it('are stored as themselves (with a readable line) or refused with a 400, never lost silently', async () => {
    await fc.assert(
      fc.asyncProperty(hostileString(80), async (type) => {
        const { body } = freshText('whatsapp');
        const message = body.entry[0].changes[0].value.messages[0];
        message.type = type;
        const posted = await expectWholeOrNothing('whatsapp', JSON.stringify(body), [200, 400]);
        if (posted.status !== 200) return;
        const { rows } = await test.pool.query(
          'select message_type, text from messages where tenant_id = $1 and platform_message_id = $2',
          [tenant.tenantId, message.id],
        );
        expect(rows).toHaveLength(1);
        expect(rows[0].text).toBeTruthy();
      }),
      { numRuns: 30 },
    );
  });
});

describe('Meta’s GET handshake', () => {
  it('any query answers 200 only with the right token, echoing the challenge byte for byte, else 4xx', async () => {
    const param = fc.option(hostileString(500), { nil: undefined });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('whatsapp', 'facebook', 'instagram') as fc.Arbitrary<Channel>,
        param,
        fc.option(fc.constantFrom(secrets.verifyToken, `${secrets.verifyToken} `, 'x'), { nil: undefined }),
        param,
        async (channel, mode, token, challenge) => {
          const query = new URLSearchParams();
          if (mode !== undefined) query.set('hub.mode', mode);
          if (token !== undefined) query.set('hub.verify_token', token);
          if (challenge !== undefined) query.set('hub.challenge', challenge);
          const answer = await getVerification(channel, tenant.slug, `?${query}`);
          const parsed = new URL(`http://x/?${query}`).searchParams;
          const valid =
            parsed.get('hub.mode') === 'subscribe' &&
            parsed.get('hub.verify_token') === secrets.verifyToken &&
            Boolean(parsed.get('hub.challenge'));
          if (valid) expect(answer).toMatchObject({ status: 200, text: parsed.get('hub.challenge') });
          else expect([400, 403]).toContain(answer.status);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('fixtures stay valid', () => {
  it('the unmodified text fixtures are still accepted (the properties above test something)', async () => {
    for (const channel of channels) {
      const posted = await expectWholeOrNothing(channel, withText(channel, 'Hola'), [200]);
      expect(posted.body).toMatchObject({ outcome: 'accepted', stored: 1 });
    }
  });
});

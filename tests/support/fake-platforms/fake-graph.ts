import type { FakeRecord, FakeWorld } from './fake-world';

// Graph API v26.0 as PLATFORMS-2.md §1.3-1.6 documents it, for the onboarding and ownership
// calls: bodies and error envelopes ({error:{message,type,code,error_subcode,fbtrace_id}}) as
// Meta sends them. Tokens come in `Authorization: Bearer`.

export type FakeResponse = { status: number; body: unknown };

const ok = (body: unknown): FakeResponse => ({ status: 200, body });

function graphError(code: number, message: string, subcode?: number, type = 'OAuthException'): FakeResponse {
  return {
    status: 400,
    body: {
      error: {
        message,
        type,
        code,
        ...(subcode ? { error_subcode: subcode } : {}),
        fbtrace_id: 'AFakeTrace1',
      },
    },
  };
}

const noObject = (id: string) =>
  graphError(
    100,
    `Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
    33,
    'GraphMethodException',
  );

function tokenOf(headers: Headers): string | undefined {
  return /^Bearer (.+)$/.exec(headers.get('authorization') ?? '')?.[1];
}

function pageOfToken(world: FakeWorld, token: string): string | undefined {
  return Object.entries(world.meta.pages).find(([, page]) => page.token === token)?.[0];
}

function canSeeNumber(world: FakeWorld, token: string, phoneNumberId: string): boolean {
  const wabas = world.meta.tokens[token]?.wabas ?? [];
  return wabas.some((waba) => world.meta.wabas[waba]?.phoneNumbers.includes(phoneNumberId));
}

function exchange(world: FakeWorld, query: URLSearchParams): FakeResponse {
  const { meta } = world;
  if (query.get('client_id') !== meta.appId || query.get('client_secret') !== meta.appSecret) {
    return graphError(1, 'Error validating client secret.');
  }
  if (query.get('grant_type') === 'fb_exchange_token') {
    const long = meta.userTokens[query.get('fb_exchange_token') ?? ''];
    if (!long) return graphError(190, 'Invalid OAuth access token - Cannot parse access token');
    return ok({ access_token: long, token_type: 'bearer', expires_in: 5183944 });
  }
  const code = query.get('code') ?? '';
  const token = meta.signupCodes[code];
  if (!token) return graphError(100, 'This authorization code has been used.', 36009);
  delete meta.signupCodes[code];
  return ok({ access_token: token, token_type: 'bearer' });
}

export function answerGraph(
  world: FakeWorld,
  record: FakeRecord,
  method: string,
  url: URL,
  headers: Headers,
  body: unknown,
): FakeResponse {
  const path = url.pathname.replace(/^\/v\d+\.\d+\//, '');
  if (path === 'oauth/access_token' && method === 'GET') return exchange(world, url.searchParams);
  const token = tokenOf(headers);
  const known = token && (world.meta.tokens[token] || pageOfToken(world, token));
  // Graph quotes a token it cannot parse (PLATFORMS.md §2.5; see tests/outbound/platform-error-quoting-token).
  if (token && !/^(EAA|IGAA)/.test(token)) return graphError(190, `Malformed access token ${token}`);
  if (!token || !known) return graphError(190, 'Invalid OAuth access token - Cannot parse access token');
  const [id = '', edge] = path.split('/');

  if (id === 'me' && edge === 'accounts') {
    const pages = world.meta.tokens[token]?.pages ?? [];
    return ok({
      data: pages.map((pageId) => {
        const page = world.meta.pages[pageId]!;
        return {
          id: pageId,
          name: page.name,
          access_token: page.token,
          ...(page.instagram ? { instagram_business_account: page.instagram } : {}),
        };
      }),
      paging: { cursors: { before: 'QVFI', after: 'QVFJ' } },
    });
  }
  if (id === 'me' && !edge) {
    const pageId = pageOfToken(world, token);
    if (pageId) return ok({ id: pageId, name: world.meta.pages[pageId]!.name });
    const igUser = world.meta.tokens[token]?.instagramUser;
    if (igUser) return ok({ id: `app-scoped-${igUser}`, user_id: igUser, username: 'ig_user' });
    return ok({ id: 'user-1', name: 'Fake User' });
  }
  if (world.meta.wabas[id]) {
    if (!world.meta.tokens[token]?.wabas?.includes(id)) return noObject(id);
    if (edge === 'phone_numbers' && method === 'GET') {
      const numbers = world.meta.wabas[id]!.phoneNumbers.map((phone) => ({
        id: phone,
        ...world.meta.phoneNumbers[phone],
      }));
      return ok({
        data: numbers.map(({ pin: _pin, ...number }) => number),
        paging: { cursors: { before: 'A', after: 'B' } },
      });
    }
    if (edge === 'subscribed_apps' && method === 'POST') {
      record.subscribedWabas.push(id);
      return ok({ success: true });
    }
  }
  if (world.meta.phoneNumbers[id]) {
    if (!canSeeNumber(world, token, id)) return noObject(id);
    const { pin, ...number } = world.meta.phoneNumbers[id]!;
    if (!edge && method === 'GET') return ok({ id, ...number });
    if (edge === 'register' && method === 'POST') {
      const given = (body as { pin?: string; messaging_product?: string }) ?? {};
      if (given.messaging_product !== 'whatsapp')
        return graphError(100, '(#100) The parameter messaging_product is required.');
      if (pin && pin !== given.pin) return graphError(133005, '(#133005) Two step verification PIN Mismatch');
      record.registered.push({ phoneNumberId: id, pin: given.pin ?? '' });
      return ok({ success: true });
    }
  }
  if (world.meta.pages[id]) {
    if (world.meta.pages[id]!.token !== token) return noObject(id);
    if (edge === 'subscribed_apps' && method === 'POST') {
      record.subscribedPages.push({ pageId: id, fields: url.searchParams.get('subscribed_fields') ?? '' });
      return ok({ success: true });
    }
    if (!edge) {
      const instagram = world.meta.pages[id]!.instagram;
      return ok({ id, ...(instagram ? { instagram_business_account: instagram } : {}) });
    }
  }
  return noObject(id);
}

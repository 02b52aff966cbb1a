// The body of a successful webhook handshake: the platform's challenge echoed as plain text,
// never sniffed as HTML (it is attacker-chosen) and never cached.
export function challengeResponse(challenge: string): Response {
  return new Response(challenge, {
    status: 200,
    headers: {
      'content-type': 'text/plain; charset=utf-8',
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    },
  });
}

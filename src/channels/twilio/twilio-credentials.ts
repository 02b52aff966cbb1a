// What a Twilio connection seals as its access token: the account the Messages API URL names
// and the Basic-auth pair that signs in, either the Account SID + Auth Token or an API key
// (SK…) + its secret (PLATFORMS.md §5). One sealed string: "<AC…>:<user>:<password>".

export type TwilioCredentials = { accountSid: string; username: string; password: string };

export function sealableTwilioCredentials(credentials: TwilioCredentials): string {
  return `${credentials.accountSid}:${credentials.username}:${credentials.password}`;
}

export function readTwilioCredentials(sealed: string): TwilioCredentials | null {
  const match = /^(AC[0-9a-fA-F]{32}):((?:AC|SK)[0-9a-fA-F]{32}):(.+)$/s.exec(sealed);
  if (!match) return null;
  return { accountSid: match[1]!, username: match[2]!, password: match[3]! };
}

export function basicAuthorization(credentials: TwilioCredentials): string {
  return `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
}

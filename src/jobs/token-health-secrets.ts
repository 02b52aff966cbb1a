import { decryptSecret, encryptSecret, secretHint, secretPlace } from '@/src/crypto/secret-box';

// The connection's tokens for one check, opened and sealed at their place (tenant + channel +
// field), and reasons cleaned of any token a platform quoted back.

type Place = { tenantId: string; channel: string };

export function openToken(
  key: string | readonly string[],
  place: Place,
  field: string,
  sealed: string,
): string | undefined {
  try {
    return decryptSecret(sealed, key, secretPlace(place.tenantId, place.channel, field));
  } catch {
    return undefined;
  }
}

export function sealToken(key: string, place: Place, field: string, plaintext: string) {
  return {
    sealed: encryptSecret(plaintext, key, secretPlace(place.tenantId, place.channel, field)),
    hint: secretHint(plaintext),
  };
}

export function withoutSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) if (secret && secret.length >= 8) out = out.replaceAll(secret, '[redacted]');
  return out;
}

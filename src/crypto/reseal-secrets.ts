import type { DbPort } from '@/src/db/rpc-port';
import { AppError } from '@/src/shared/app-error';
import { decryptSecret, encryptSecret, keyId, sealedKeyId, secretPlace } from './secret-box';
import { secretDigest } from './secret-digest';

// `secrets rotate`: every stored connection secret is opened with the key that sealed it and
// sealed again with the current ENCRYPTION_KEY, in one transaction; own-app secrets get their
// digest under the new key. Values already under the new key are left alone, so a second run
// changes nothing.

const fields = ['access_token', 'webhook_secret', 'refresh_token'] as const;

export type ResealResult = {
  keyId: string;
  checked: number;
  alreadyCurrent: number;
  resealed: number;
  changedMeanwhile: number;
  /** Values neither key opens: left as they are, named by connection and field (never the value). */
  unreadable: string[];
};

export async function resealSecrets(db: DbPort, current: string, previous: string): Promise<ResealResult> {
  if (keyId(current) === keyId(previous)) {
    throw new AppError('bad_request', 'ENCRYPTION_KEY_PREVIOUS is the same key as ENCRYPTION_KEY');
  }
  const rows = await db.rpc('admin_sealed_secrets', {});
  const values: Array<{ id: string; field: string; from: string; to: string; digest?: string }> = [];
  const unreadable: string[] = [];
  let checked = 0;
  let alreadyCurrent = 0;
  for (const row of rows) {
    for (const field of fields) {
      const sealed = row[field];
      if (!sealed) continue;
      checked += 1;
      if (sealedKeyId(sealed) === keyId(current)) {
        alreadyCurrent += 1;
        continue;
      }
      const place = secretPlace(row.tenant_id, row.channel, field);
      let plaintext: string;
      try {
        plaintext = decryptSecret(sealed, [current, previous], place);
      } catch {
        unreadable.push(`${row.id}/${field}`);
        continue;
      }
      values.push({
        id: row.id,
        field,
        from: sealed,
        to: encryptSecret(plaintext, current, place),
        ...(field === 'webhook_secret' ? { digest: secretDigest(plaintext, current) } : {}),
      });
    }
  }
  const written = values.length
    ? await db.rpc('admin_reseal_secrets', { p_values: values })
    : { resealed: 0, changed_meanwhile: 0 };
  return {
    keyId: keyId(current),
    checked,
    alreadyCurrent,
    resealed: written.resealed,
    changedMeanwhile: written.changed_meanwhile,
    unreadable,
  };
}

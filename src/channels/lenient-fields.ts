import { z } from 'zod';

// Field shapes the webhook schemas share. Platforms (and the SDKs that replay them) send null for
// absent optional fields and numbers for ids; one badly typed optional field must cost only that
// field, never the whole message (issue 14). Ids stay strict in what they are: a string or a
// number (kept as its text); an id of any other shape still makes its item malformed, because
// ids route, key leads and deduplicate.

/** A required id: a non-empty string, or a number as its text. */
export function platformId(max = 512) {
  return z.union([z.string().min(1).max(max), z.number().finite().transform(String)]);
}

/** An optional id: absent or null is undefined; any other non-id shape is still malformed. */
export function optionalId(max = 512) {
  return platformId(max)
    .nullish()
    .transform((value) => value ?? undefined);
}

/** An optional field: absent, null or of an unexpected shape, it is undefined (and only it). */
export function lenient<S extends z.ZodType>(schema: S) {
  return schema.optional().catch(undefined);
}

/** Optional free text (a name, a caption, a title). */
export function lenientText(max = 100_000) {
  return lenient(z.string().max(max));
}

/** An optional number or numeric string (prices, quantities, coordinates sent as text). */
export function lenientNumber() {
  return lenient(z.union([z.number(), z.string().max(64)]));
}

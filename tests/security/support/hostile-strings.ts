import fc from 'fast-check';

// Strings an attacker or a broken client can send in any field: NUL and lone surrogates
// (PostgreSQL text cannot hold either), control and bidi characters, SQL and HTML, numbers and
// booleans as text, padding, and sizes from empty to far past any field limit.

const nasty = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udc00y',
  '\u202e\u200b\ufeff',
  "'; drop table messages; --",
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '%00',
  'null',
  'undefined',
  'true',
  '-1',
  '1e309',
  '9007199254740993',
  'NaN',
  '00000000-0000-0000-0000-000000000000',
  '{"$gt":""}',
  '__proto__',
  'constructor',
];

export const hostileString = (maxLength = 300): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...nasty) },
    { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength }) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength }) },
    { weight: 1, arbitrary: fc.nat({ max: 300_000 }).map((n) => 'x'.repeat(n)) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom(...nasty), fc.string({ maxLength: 20 }))
        .map(([bad, text]) => `${text}${bad}${text}`),
    },
  );

/** Field names: hostile but short and without control characters. No browser sends others,
 * and Next.js's multipart parser answers 500 to a NUL or an ~80 KB part header before any of
 * our code runs (docs/reliability.md). */
const hostileKey: fc.Arbitrary<string> = fc
  .oneof(fc.constantFrom(...nasty), fc.string({ unit: 'binary', maxLength: 40 }))
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is left out.
  .filter((key) => !/[\u0000-\u001f]/.test(key));

/** Replaces some values of a valid form with hostile ones and adds unknown fields. */
export function mutatedForm(valid: Record<string, string>): fc.Arbitrary<Record<string, string>> {
  const keys = Object.keys(valid);
  return fc
    .record({
      replace:
        keys.length > 0
          ? fc.dictionary(fc.constantFrom(...keys), hostileString(), { maxKeys: 3 })
          : fc.constant({}),
      drop: fc.subarray(keys, { maxLength: Math.min(2, keys.length) }),
      extra: fc.dictionary(hostileKey, hostileString(60), { maxKeys: 2 }),
    })
    .map(({ replace, drop, extra }) => {
      const form: Record<string, string> = { ...extra, ...valid, ...replace };
      for (const key of drop) delete form[key];
      return form;
    });
}

/** Entirely random forms: any keys, any values. */
export const randomForm: fc.Arbitrary<Record<string, string>> = fc.dictionary(hostileKey, hostileString(), {
  maxKeys: 8,
});

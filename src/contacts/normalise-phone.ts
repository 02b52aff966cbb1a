// Phone numbers as people type them in a spreadsheet, to E.164 (+<country><number>).
//
// Mexico gets its own rules (the usual country of our businesses): since the 2019 dialling change
// a number is 52 + ten digits, but exports still carry the old forms: 044 / 045 (mobile, local and
// long distance), 01 (long distance), 52 1 (mobile from abroad), and plain ten-digit local numbers.
// Elsewhere a number either starts with + (or 00), or is a national number of the default country:
// its trunk 0 dropped and its calling code put in front.

/** Calling codes of the countries our tenants sign up from (tenants.country). */
const callingCodes: Record<string, string> = {
  MX: '52',
  US: '1',
  CA: '1',
  DO: '1',
  PR: '1',
  CO: '57',
  AR: '54',
  CL: '56',
  PE: '51',
  EC: '593',
  VE: '58',
  BO: '591',
  PY: '595',
  UY: '598',
  BR: '55',
  GT: '502',
  SV: '503',
  HN: '504',
  NI: '505',
  CR: '506',
  PA: '507',
  CU: '53',
  ES: '34',
};

export function knownCountry(country: string): boolean {
  return country in callingCodes;
}

export type PhoneResult =
  | { ok: true; e164: string }
  | { ok: false; reason: 'invalid_phone' | 'unknown_country' };

const e164 = /^\+[1-9]\d{7,14}$/;

function checked(candidate: string): PhoneResult {
  return e164.test(candidate) ? { ok: true, e164: candidate } : { ok: false, reason: 'invalid_phone' };
}

/** A Mexican number given as digits after the 52. */
function mexicanInternational(rest: string): PhoneResult {
  if (/^1\d{10}$/.test(rest)) return checked(`+52${rest.slice(1)}`);
  if (/^\d{10}$/.test(rest)) return checked(`+52${rest}`);
  return { ok: false, reason: 'invalid_phone' };
}

function international(digits: string): PhoneResult {
  return digits.startsWith('52') ? mexicanInternational(digits.slice(2)) : checked(`+${digits}`);
}

function mexicanNational(digits: string): PhoneResult {
  if (/^04[45]\d{10}$/.test(digits)) return checked(`+52${digits.slice(3)}`);
  if (/^01\d{10}$/.test(digits)) return checked(`+52${digits.slice(2)}`);
  if (/^\d{10}$/.test(digits)) return checked(`+52${digits}`);
  if (/^521?\d{10}$/.test(digits)) return mexicanInternational(digits.slice(2));
  return { ok: false, reason: 'invalid_phone' };
}

export function normalisePhone(input: string, defaultCountry: string): PhoneResult {
  const trimmed = input.trim();
  // Spaces, dashes, dots, parentheses and slashes are layout; anything else (letters) is not a phone.
  if (!/^\+?[\d\s\-.()/]+$/.test(trimmed)) return { ok: false, reason: 'invalid_phone' };
  const digits = trimmed.replace(/\D/g, '');
  if (trimmed.startsWith('+')) return international(digits);
  if (digits.startsWith('00')) return international(digits.slice(2));
  if (defaultCountry === 'MX') return mexicanNational(digits);
  const code = callingCodes[defaultCountry];
  if (!code) return { ok: false, reason: 'unknown_country' };
  const national = digits.replace(/^0+/, '');
  // Already written with the country's code (e.g. 57 300 … in Colombia).
  if (national.startsWith(code) && national.length >= code.length + 8) return checked(`+${national}`);
  return checked(`+${code}${national}`);
}

import type { ColumnMapping, ContactField } from './contact-fields';
import { normalisePhone } from './normalise-phone';

// Table rows to the distinct contacts an import applies: each row's fields cleaned and checked
// (row numbers as the spreadsheet shows them: the header is row 1), then rows that share a phone,
// email, Instagram username or previous-provider id merged into one contact.

export type ImportContact = {
  row: number;
  rows: number[];
  name: string | null;
  phone: string | null;
  email: string | null;
  instagram: string | null;
  vambe_contact_id: string | null;
  platform: 'whatsapp' | 'instagram' | 'facebook' | 'tiktok' | null;
  tags: string[];
  notes: string | null;
};

export type RowErrorReason =
  | 'invalid_phone'
  | 'unknown_country'
  | 'invalid_email'
  | 'invalid_instagram'
  | 'no_contact_key'
  | 'too_long';

export type RowError = { row: number; reason: RowErrorReason; value?: string };

export type BuiltImport = { contacts: ImportContact[]; errors: RowError[]; rows: number; mergedRows: number };

const platforms: Record<string, ImportContact['platform']> = {
  whatsapp: 'whatsapp',
  wa: 'whatsapp',
  instagram: 'instagram',
  ig: 'instagram',
  facebook: 'facebook',
  messenger: 'facebook',
  fb: 'facebook',
  tiktok: 'tiktok',
};

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const instagramPattern = /^[a-z0-9._]{1,30}$/;

function cell(row: readonly string[], mapping: ColumnMapping, field: ContactField): string | null {
  const index = mapping[field];
  const value = index === undefined ? undefined : row[index];
  return value?.trim() ? value.trim() : null;
}

function splitTags(value: string | null): string[] {
  if (!value) return [];
  const tags = value
    .split(/[,;|]/)
    .map((tag) => tag.trim().slice(0, 40).trim())
    .filter(Boolean);
  return [...new Map(tags.map((tag) => [tag.toLowerCase(), tag])).values()];
}

function instagramOf(value: string | null): string | null {
  if (!value) return null;
  // "@ana.lopez", "instagram.com/ana.lopez/" and "https://www.instagram.com/ana.lopez" all name ana.lopez.
  return value
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/^(www\.)?instagram\.com\//, '')
    .replace(/^@/, '')
    .replace(/[/?#].*$/, '');
}

type RowResult = { contact: ImportContact } | { error: RowError };

function readRow(
  row: readonly string[],
  rowNumber: number,
  mapping: ColumnMapping,
  country: string,
): RowResult {
  const fail = (reason: RowErrorReason, value?: string): RowResult => ({
    error: { row: rowNumber, reason, value },
  });
  const rawPhone = cell(row, mapping, 'phone');
  let phone: string | null = null;
  if (rawPhone) {
    const normalised = normalisePhone(rawPhone, country);
    if (!normalised.ok) return fail(normalised.reason, rawPhone);
    phone = normalised.e164;
  }
  const email = cell(row, mapping, 'email')?.toLowerCase() ?? null;
  if (email && (!emailPattern.test(email) || email.length > 254)) return fail('invalid_email', email);
  const instagram = instagramOf(cell(row, mapping, 'instagram'));
  if (instagram && !instagramPattern.test(instagram)) return fail('invalid_instagram', instagram);
  const vambeId = cell(row, mapping, 'vambe_contact_id');
  if (!phone && !email && !instagram && !vambeId) return fail('no_contact_key');
  const name = cell(row, mapping, 'name');
  const notes = cell(row, mapping, 'notes');
  if ((name?.length ?? 0) > 200 || (notes?.length ?? 0) > 4000 || (vambeId?.length ?? 0) > 200) {
    return fail('too_long');
  }
  return {
    contact: {
      row: rowNumber,
      rows: [rowNumber],
      name,
      phone,
      email,
      instagram,
      vambe_contact_id: vambeId,
      platform: platforms[(cell(row, mapping, 'platform') ?? '').toLowerCase()] ?? null,
      tags: splitTags(cell(row, mapping, 'tags')),
      notes,
    },
  };
}

function keysOf(contact: ImportContact): string[] {
  return [
    contact.phone && `phone:${contact.phone}`,
    contact.email && `email:${contact.email}`,
    contact.instagram && `instagram:${contact.instagram}`,
    contact.vambe_contact_id && `vambe:${contact.vambe_contact_id}`,
  ].filter((key): key is string => Boolean(key));
}

/** The later row fills what the earlier one lacks; tags are joined, notes kept once each. */
function mergeInto(target: ImportContact, other: ImportContact): void {
  target.rows.push(...other.rows);
  target.name ??= other.name;
  target.phone ??= other.phone;
  target.email ??= other.email;
  target.instagram ??= other.instagram;
  target.vambe_contact_id ??= other.vambe_contact_id;
  target.platform ??= other.platform;
  target.tags = splitTags([...target.tags, ...other.tags].join(','));
  if (other.notes && other.notes !== target.notes) {
    const joined = target.notes ? `${target.notes}\n${other.notes}` : other.notes;
    if (joined.length <= 4000) target.notes = joined;
  }
}

export function buildImportContacts(
  rows: readonly (readonly string[])[],
  mapping: ColumnMapping,
  defaultCountry: string,
): BuiltImport {
  const contacts = new Set<ImportContact>();
  const errors: RowError[] = [];
  const byKey = new Map<string, ImportContact>();
  // A contact merged into another points at it, so keys still naming the first find the second.
  const mergedInto = new Map<ImportContact, ImportContact>();
  const current = (contact: ImportContact): ImportContact => {
    let found = contact;
    while (mergedInto.has(found)) found = mergedInto.get(found) as ImportContact;
    return found;
  };
  rows.forEach((row, index) => {
    const result = readRow(row, index + 2, mapping, defaultCountry);
    if ('error' in result) {
      errors.push(result.error);
      return;
    }
    let contact = result.contact;
    contacts.add(contact);
    // Every earlier contact sharing a key with this row becomes one (a row may bridge two).
    for (const key of keysOf(contact)) {
      const known = byKey.get(key);
      const earlier = known && current(known);
      if (earlier && earlier !== contact) {
        mergeInto(earlier, contact);
        contacts.delete(contact);
        mergedInto.set(contact, earlier);
        contact = earlier;
      }
    }
    for (const key of keysOf(contact)) byKey.set(key, contact);
  });
  const distinct = [...contacts].sort((a, b) => a.row - b.row);
  return {
    contacts: distinct,
    errors,
    rows: rows.length,
    mergedRows: rows.length - errors.length - distinct.length,
  };
}
